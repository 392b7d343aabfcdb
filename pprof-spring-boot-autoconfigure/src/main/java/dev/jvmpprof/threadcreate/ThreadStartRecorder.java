package dev.jvmpprof.threadcreate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jdk.jfr.FlightRecorder;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;

import dev.jvmpprof.jfr.StackConverter;
import dev.jvmpprof.jfr.StackDepth;
import dev.jvmpprof.pprof.Frame;
import dev.jvmpprof.pprof.StackProfile;

/**
 * Records, from the moment it starts, the stacks that start threads: an always-on in-process Flight Recorder
 * stream of {@code jdk.ThreadStart} events alone, whose stack trace is the starting thread's ({@code Thread.start},
 * an executor adding a worker). Memory grows with the distinct stacks, not with the number of threads started.
 */
public final class ThreadStartRecorder implements AutoCloseable {

	static final String THREAD_START = "jdk.ThreadStart";

	private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(3);

	// Events are read back within a second; the recording needs to keep no more on disk than that.
	private static final Duration MAX_AGE = Duration.ofMinutes(1);

	private final Object lock = new Object();

	private final StackProfile sinceStart = new StackProfile(1);

	private final List<Window> windows = new ArrayList<>();

	private long marksCommitted;

	private long marksDelivered;

	private RecordingStream stream;

	private String unavailable = "thread starts are not being recorded: the recorder was not started";

	/**
	 * Starts recording. Never fails: where the Flight Recorder cannot run, the reason is kept for
	 * {@link #unavailableReason()} and the application carries on.
	 */
	public synchronized void start() {
		if (this.stream != null) {
			return;
		}
		try {
			if (!FlightRecorder.isAvailable()) {
				this.unavailable = "the JDK Flight Recorder is not available in this JVM, so thread starts are not recorded";
				return;
			}
			StackDepth.raiseBeforeFirstRecording();
			RecordingStream recording = new RecordingStream();
			recording.enable(THREAD_START).withStackTrace();
			recording.enable(ThreadStartMark.class);
			recording.setMaxAge(MAX_AGE);
			recording.onEvent(THREAD_START, this::record);
			recording.onEvent(ThreadStartMark.NAME, this::delivered);
			recording.startAsync();
			this.stream = recording;
			this.unavailable = null;
		}
		catch (RuntimeException ex) {
			this.unavailable = "the JDK Flight Recorder could not record thread starts: " + ex.getMessage();
		}
	}

	/**
	 * Stops recording and releases the stream's thread and files.
	 */
	@Override
	public synchronized void close() {
		if (this.stream != null) {
			this.stream.close();
			this.stream = null;
			this.unavailable = "thread starts are not being recorded: the recorder was closed";
		}
	}

	/**
	 * Returns why no profile can be taken, or {@code null} when the recorder runs.
	 * @return the reason, one sentence
	 */
	public synchronized String unavailableReason() {
		return this.unavailable;
	}

	/**
	 * Returns every thread start recorded so far, including those of the last moment, which the stream delivers
	 * at its next flush.
	 * @return a copy of the stacks and their counts
	 * @throws InterruptedException if interrupted while waiting for the flush
	 */
	public StackProfile sinceStart() throws InterruptedException {
		awaitDeliveryUntilNow();
		synchronized (this.lock) {
			return this.sinceStart.minus(new StackProfile(1));
		}
	}

	/**
	 * Returns the thread starts of the next {@code duration}, by the time each thread started.
	 * @param duration how long to watch
	 * @return the stacks that started threads in that window and their counts
	 * @throws InterruptedException if interrupted while waiting
	 */
	public StackProfile window(Duration duration) throws InterruptedException {
		Window window = new Window(Instant.now());
		synchronized (this.lock) {
			this.windows.add(window);
		}
		try {
			Thread.sleep(duration.toMillis());
			synchronized (this.lock) {
				window.end = Instant.now();
			}
			awaitDeliveryUntilNow();
			synchronized (this.lock) {
				return window.profile.minus(new StackProfile(1));
			}
		}
		finally {
			synchronized (this.lock) {
				this.windows.remove(window);
			}
		}
	}

	private void record(RecordedEvent event) {
		List<List<Frame>> stack = StackConverter.stack(event.getStackTrace());
		Instant time = event.getStartTime();
		synchronized (this.lock) {
			this.sinceStart.add(stack, List.of(), 1);
			for (Window window : this.windows) {
				if (window.contains(time)) {
					window.profile.add(stack, List.of(), 1);
				}
			}
		}
	}

	private void delivered(RecordedEvent mark) {
		synchronized (this.lock) {
			this.marksDelivered = Math.max(this.marksDelivered, mark.getLong("sequence"));
			this.lock.notifyAll();
		}
	}

	/**
	 * Waits until every thread start before now has been delivered. The stream delivers events at its flushes,
	 * about once a second, in time order; a mark committed now arrives after everything committed before it.
	 */
	private void awaitDeliveryUntilNow() throws InterruptedException {
		long deadline = System.nanoTime() + DELIVERY_TIMEOUT.toNanos();
		synchronized (this.lock) {
			long sequence = ++this.marksCommitted;
			ThreadStartMark mark = new ThreadStartMark();
			mark.sequence = sequence;
			mark.commit();
			// A stream that stopped delivering must not hold a request forever: answer with what has arrived.
			while (this.marksDelivered < sequence) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return;
				}
				TimeUnit.NANOSECONDS.timedWait(this.lock, left);
			}
		}
	}

	/** A window of time whose thread starts a request collects. */
	private static final class Window {

		private final Instant start;

		private final StackProfile profile = new StackProfile(1);

		private Instant end;

		Window(Instant start) {
			this.start = start;
		}

		boolean contains(Instant time) {
			return !time.isBefore(this.start) && (this.end == null || time.isBefore(this.end));
		}

	}

}
