package dev.jvmpprof.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import one.profiler.AsyncProfiler;

import dev.jvmpprof.profile.ProfileException;
import dev.jvmpprof.profile.ProfileException.Reason;

/**
 * Samples with async-profiler, which runs one session per JVM: every open window shares that session, which
 * samples the union of what the windows need and writes JFR. When the union changes, or a window ends while others
 * go on, the session is rolled over to a new file (stopping and starting takes about a millisecond), so each window
 * reads the files of its own time span: two CPU profiles at once, or a CPU profile beside a lock profile, are each
 * served from the shared samples.
 */
public final class AsyncProfilerEngine implements SamplingEngine {

	private final Supplier<AsyncProfiler> loader;

	private final SamplingSettings settings;

	private final Path directory;

	private final List<AsyncWindow> windows = new ArrayList<>();

	private AsyncProfiler profiler;

	private String unavailableReason;

	private Segment current;

	/**
	 * Creates an engine that loads async-profiler's native library on first use.
	 * @param settings how densely to sample
	 */
	public AsyncProfilerEngine(SamplingSettings settings) {
		this(AsyncProfiler::getInstance, settings, Path.of(System.getProperty("java.io.tmpdir")));
	}

	AsyncProfilerEngine(Supplier<AsyncProfiler> loader, SamplingSettings settings, Path directory) {
		this.loader = loader;
		this.settings = settings;
		this.directory = directory;
	}

	@Override
	public String name() {
		return "async-profiler";
	}

	@Override
	public boolean supports(SampledEvent event) {
		// Its lock events leave out parking on queues, latches and futures; Flight Recorder records all waits.
		return event != SampledEvent.LOCK;
	}

	/**
	 * Loads the native library, once.
	 * @throws ProfileException if it cannot be loaded on this platform
	 */
	public synchronized void load() throws ProfileException {
		if (this.profiler == null && this.unavailableReason == null) {
			try {
				this.profiler = this.loader.get();
			}
			catch (RuntimeException | LinkageError ex) {
				this.unavailableReason = "async-profiler cannot be loaded here: " + ex.getMessage();
			}
		}
		if (this.profiler == null) {
			throw new ProfileException(Reason.UNAVAILABLE, this.unavailableReason);
		}
	}

	/**
	 * Returns whether a session runs: whether any request's window is open.
	 * @return whether async-profiler is sampling for us
	 */
	public synchronized boolean isSampling() {
		return this.current != null;
	}

	@Override
	public synchronized Window open(Set<SampledEvent> events) throws ProfileException {
		if (events.contains(SampledEvent.LOCK)) {
			throw new IllegalArgumentException("Lock waits are recorded by Flight Recorder, not async-profiler");
		}
		load();
		Set<SampledEvent> needed = neededBy(this.windows);
		needed.addAll(events);
		if (this.current == null || !this.current.events.containsAll(needed)) {
			roll(needed);
		}
		AsyncWindow window = new AsyncWindow(events, Instant.now());
		this.windows.add(window);
		window.include(this.current);
		return window;
	}

	private synchronized Window.Recorded finish(AsyncWindow window) throws IOException {
		if (window.recorded != null) {
			return window.recorded;
		}
		Instant end = Instant.now();
		this.windows.remove(window);
		try {
			if (this.windows.isEmpty()) {
				stopCurrent();
			}
			else {
				// The running file is only readable once stopped: roll over, and the others carry on in a new one.
				roll(neededBy(this.windows));
			}
		}
		catch (ProfileException ex) {
			throw new IOException(ex.getMessage(), ex);
		}
		window.recorded = new Window.Recorded(window.segments.stream().map((segment) -> segment.file).toList(),
				window.start, end, this.settings, SampleReader.ASYNC_PROFILER);
		return window.recorded;
	}

	private synchronized void close(AsyncWindow window) {
		if (window.recorded == null) {
			try {
				finish(window);
			}
			catch (IOException ex) {
				// The window is abandoned; its files go below whatever state the session is in.
			}
		}
		for (Segment segment : window.segments) {
			segment.release();
		}
		window.segments.clear();
	}

	private void roll(Set<SampledEvent> events) throws ProfileException {
		stopCurrent();
		Path file;
		try {
			file = Files.createTempFile(this.directory, "pprof-", ".jfr");
		}
		catch (IOException ex) {
			throw new ProfileException(Reason.UNAVAILABLE, "cannot create a temporary file for the profiler: "
					+ ex.getMessage(), ex);
		}
		try {
			this.profiler.execute(startCommand(events, file));
		}
		catch (IllegalStateException ex) {
			deleteQuietly(file);
			throw new ProfileException(Reason.BUSY, "the native profiler is in use by another session", ex);
		}
		catch (IOException | RuntimeException ex) {
			deleteQuietly(file);
			throw new ProfileException(Reason.UNAVAILABLE, "async-profiler could not start: " + ex.getMessage(), ex);
		}
		this.current = new Segment(EnumSet.copyOf(events), file);
		for (AsyncWindow window : this.windows) {
			window.include(this.current);
		}
	}

	/**
	 * Builds the start command from typed values only: nothing a client sent reaches it as text.
	 * @param events what to sample
	 * @param file the JFR file
	 * @return the command
	 */
	String startCommand(Set<SampledEvent> events, Path file) {
		StringBuilder command = new StringBuilder("start");
		if (events.contains(SampledEvent.CPU)) {
			command.append(",event=cpu,interval=").append(this.settings.cpuInterval().toNanos());
		}
		if (events.contains(SampledEvent.WALL)) {
			command.append(",wall=").append(this.settings.wallInterval().toNanos());
		}
		String path = file.toString();
		if (path.indexOf(',') >= 0) {
			throw new IllegalStateException("The temporary directory's path holds a comma: " + path);
		}
		return command.append(",jfr,file=").append(path).toString();
	}

	private void stopCurrent() throws ProfileException {
		Segment segment = this.current;
		if (segment == null) {
			return;
		}
		this.current = null;
		try {
			this.profiler.execute("stop");
		}
		catch (IOException | RuntimeException ex) {
			throw new ProfileException(Reason.UNAVAILABLE, "async-profiler could not stop: " + ex.getMessage(), ex);
		}
		finally {
			segment.finished = true;
			segment.deleteIfUnused();
		}
	}

	private static Set<SampledEvent> neededBy(List<AsyncWindow> windows) {
		Set<SampledEvent> needed = EnumSet.noneOf(SampledEvent.class);
		for (AsyncWindow window : windows) {
			needed.addAll(window.events());
		}
		return needed;
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			file.toFile().deleteOnExit();
		}
	}

	/** One session's file, deleted when the session has stopped and no window needs it. */
	private static final class Segment {

		private final Set<SampledEvent> events;

		private final Path file;

		private int users;

		private boolean finished;

		Segment(Set<SampledEvent> events, Path file) {
			this.events = events;
			this.file = file;
		}

		void release() {
			this.users--;
			deleteIfUnused();
		}

		void deleteIfUnused() {
			if (this.finished && this.users <= 0) {
				deleteQuietly(this.file);
			}
		}

	}

	private final class AsyncWindow implements Window {

		private final Instant start;

		private final List<Segment> segments = new ArrayList<>(2);

		private final Set<SampledEvent> events;

		private Window.Recorded recorded;

		AsyncWindow(Set<SampledEvent> events, Instant start) {
			this.events = EnumSet.copyOf(events);
			this.start = start;
		}

		Set<SampledEvent> events() {
			return this.events;
		}

		void include(Segment segment) {
			if (this.recorded == null && !this.segments.contains(segment)) {
				this.segments.add(segment);
				segment.users++;
			}
		}

		@Override
		public Window.Recorded finish() throws IOException {
			return AsyncProfilerEngine.this.finish(this);
		}

		@Override
		public void close() {
			AsyncProfilerEngine.this.close(this);
		}

	}

}
