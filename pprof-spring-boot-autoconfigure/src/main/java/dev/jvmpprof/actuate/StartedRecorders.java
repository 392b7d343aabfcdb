package dev.jvmpprof.actuate;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.jvmpprof.heap.HeapSampler;
import dev.jvmpprof.jfr.ContinuousRecording;
import dev.jvmpprof.threadcreate.ThreadStartRecorder;

/**
 * The always-on recorders that {@link StartupRecorders} started before the context, for the auto-configuration to
 * adopt as its own beans. Each is adopted at most once, and only as the auto-configuration would have made it (the
 * same stream, the same settings); a part that is asked for before its start has ended waits for it.
 */
final class StartedRecorders {

	static final String BEAN_NAME = "pprofStartedRecorders";

	private static final Log logger = LogFactory.getLog(StartedRecorders.class);

	private final CompletableFuture<Parts> parts;

	private final Set<Object> adopted = Collections.newSetFromMap(new IdentityHashMap<>());

	private boolean closed;

	private StartedRecorders(CompletableFuture<Parts> parts) {
		this.parts = parts;
	}

	/**
	 * Starts the recorders that {@code properties} switch on, on a thread of their own.
	 * @param properties the settings, bound from the application's environment
	 * @param classLoader the loader that sees the application's classes
	 * @return the recorders, starting
	 */
	static StartedRecorders start(PprofProperties properties, ClassLoader classLoader) {
		CompletableFuture<Parts> parts = new CompletableFuture<>();
		Thread starter = new Thread(() -> {
			try {
				parts.complete(Parts.start(properties, classLoader));
			}
			catch (Throwable ex) {
				parts.completeExceptionally(ex);
			}
		}, "pprof-recorders-start");
		starter.setDaemon(true);
		starter.start();
		return new StartedRecorders(parts);
	}

	/**
	 * Adopts the stream the recorders share.
	 * @return the stream, or {@code null} where none was started
	 */
	synchronized ContinuousRecording adoptRecording() {
		Parts started = adoptable();
		return (started != null) ? adopt(started.recording) : null;
	}

	/**
	 * Adopts the heap sampler where it reads {@code recording} at {@code interval}.
	 * @param interval the sampling period the context's settings give
	 * @param recording the stream the context's recorders share
	 * @return the running sampler, or {@code null} where none fits
	 */
	synchronized HeapSampler adoptHeapSampler(long interval, ContinuousRecording recording) {
		Parts started = adoptable();
		if (started == null || started.recording != recording || started.heapSampler == null
				|| started.heapSampler.interval() != interval) {
			return null;
		}
		return adopt(started.heapSampler);
	}

	/**
	 * Adopts the thread start recorder where it reads {@code recording}.
	 * @param recording the stream the context's recorders share
	 * @return the running recorder, or {@code null} where none fits
	 */
	synchronized ThreadStartRecorder adoptThreadStartRecorder(ContinuousRecording recording) {
		Parts started = adoptable();
		return (started != null && started.recording == recording) ? adopt(started.threadStartRecorder) : null;
	}

	/**
	 * Tells whether the auto-configuration took {@code part} as its own.
	 * @param part a recorder or stream of the context
	 * @return whether it is one of those started here
	 */
	synchronized boolean isAdopted(Object part) {
		return this.adopted.contains(part);
	}

	/**
	 * Closes what was not adopted: the context made recorders of its own, or none.
	 */
	synchronized void closeUnadopted() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		Parts started = await();
		if (started == null) {
			return;
		}
		if (started.heapSampler != null && !this.adopted.contains(started.heapSampler)) {
			started.heapSampler.close();
		}
		if (started.threadStartRecorder != null && !this.adopted.contains(started.threadStartRecorder)) {
			started.threadStartRecorder.close();
		}
	}

	private <T> T adopt(T part) {
		return (part != null && this.adopted.add(part)) ? part : null;
	}

	private Parts adoptable() {
		return this.closed ? null : await();
	}

	private Parts await() {
		try {
			return this.parts.join();
		}
		catch (CompletionException ex) {
			// The context starts its own, and reports the same failure as it does without an early start.
			logger.debug("The pprof recorders did not start before the context", ex.getCause());
			return null;
		}
	}

	/** What was started: the shared stream and the recorders reading it that the settings switch on. */
	private record Parts(ContinuousRecording recording, HeapSampler heapSampler,
			ThreadStartRecorder threadStartRecorder) {

		static Parts start(PprofProperties properties, ClassLoader classLoader) {
			ContinuousRecording recording = new ContinuousRecording();
			ThreadStartRecorder threads = null;
			if (properties.getThreadcreate().isEnabled()) {
				threads = new ThreadStartRecorder(recording);
				threads.start();
			}
			HeapSampler heap = null;
			if (properties.getHeap().isEnabled()) {
				heap = new HeapSampler(properties.getHeap().getSampleInterval().toBytes(), classLoader, recording);
				try {
					heap.start();
				}
				catch (RuntimeException ex) {
					if (threads != null) {
						threads.close();
					}
					throw ex;
				}
			}
			return new Parts(recording, heap, threads);
		}

	}

}
