package dev.jvmpprof.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import one.profiler.AsyncProfiler;

import dev.jvmpprof.profile.ProfileException;
import dev.jvmpprof.profile.ProfileException.Reason;

/**
 * Samples with async-profiler: {@code cpu} mode (perf_events, or {@code ctimer} where those are not allowed) with
 * JFR output, which keeps line numbers, frame types and thread names.
 *
 * <p>async-profiler runs one session per JVM, so this engine serves one recording at a time and answers a second
 * request as busy rather than disturbing the first.
 */
public final class AsyncProfilerEngine implements SamplingEngine {

	private final Supplier<AsyncProfiler> loader;

	private final AtomicBoolean busy = new AtomicBoolean();

	private volatile AsyncProfiler profiler;

	private volatile String unavailableReason;

	public AsyncProfilerEngine() {
		this(AsyncProfiler::getInstance);
	}

	AsyncProfilerEngine(Supplier<AsyncProfiler> loader) {
		this.loader = loader;
	}

	@Override
	public String name() {
		return "async-profiler";
	}

	@Override
	public Recording startCpu(Duration interval) throws ProfileException {
		AsyncProfiler asyncProfiler = load();
		if (!this.busy.compareAndSet(false, true)) {
			throw new ProfileException(Reason.BUSY, "cpu profiling already in use");
		}
		Path file = null;
		try {
			file = Files.createTempFile("pprof-cpu-", ".jfr");
			// The command is built from typed values only; nothing a client sent reaches it as text.
			asyncProfiler.execute("start,event=cpu,interval=" + interval.toNanos() + ",jfr,file=" + file);
			return new AsyncRecording(asyncProfiler, file);
		}
		catch (IllegalStateException ex) {
			release(file);
			throw new ProfileException(Reason.BUSY,
					"the native profiler is already in use by another session: " + ex.getMessage(), ex);
		}
		catch (IOException | RuntimeException ex) {
			release(file);
			throw new ProfileException(Reason.UNAVAILABLE, "could not start async-profiler: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Loads the native library on first use.
	 * @return the profiler
	 * @throws ProfileException if the library cannot be loaded on this platform
	 */
	AsyncProfiler load() throws ProfileException {
		AsyncProfiler loaded = this.profiler;
		if (loaded != null) {
			return loaded;
		}
		synchronized (this) {
			if (this.profiler == null && this.unavailableReason == null) {
				try {
					this.profiler = this.loader.get();
				}
				catch (RuntimeException | LinkageError ex) {
					this.unavailableReason = "async-profiler is not available on this JVM (" + ex.getMessage() + ")";
				}
			}
			if (this.profiler == null) {
				throw new ProfileException(Reason.UNAVAILABLE, this.unavailableReason);
			}
			return this.profiler;
		}
	}

	private void release(Path file) {
		if (file != null) {
			try {
				Files.deleteIfExists(file);
			}
			catch (IOException ex) {
				file.toFile().deleteOnExit();
			}
		}
		this.busy.set(false);
	}

	private final class AsyncRecording implements Recording {

		private final AsyncProfiler asyncProfiler;

		private final Path file;

		private boolean running = true;

		private boolean closed;

		AsyncRecording(AsyncProfiler asyncProfiler, Path file) {
			this.asyncProfiler = asyncProfiler;
			this.file = file;
		}

		@Override
		public synchronized Path stop() throws IOException {
			if (this.running) {
				this.running = false;
				try {
					this.asyncProfiler.execute("stop");
				}
				catch (IllegalStateException ex) {
					throw new IOException("async-profiler could not stop: " + ex.getMessage(), ex);
				}
			}
			return this.file;
		}

		@Override
		public synchronized void close() {
			if (this.closed) {
				return;
			}
			this.closed = true;
			try {
				stop();
			}
			catch (IOException ex) {
				// The session is gone either way; what matters now is freeing the engine and the file.
			}
			release(this.file);
		}

	}

}
