package dev.jvmpprof.threadcreate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;

import dev.jvmpprof.jfr.ContinuousRecording;
import dev.jvmpprof.jfr.StackConverter;
import dev.jvmpprof.pprof.Frame;
import dev.jvmpprof.pprof.StackProfile;

/**
 * Records, from the moment it starts, the stacks that start threads: {@code jdk.ThreadStart} events of an always-on
 * in-process Flight Recorder stream, whose stack trace is the starting thread's ({@code Thread.start}, an executor
 * adding a worker). Memory grows with the distinct stacks, not with the number of threads started.
 */
public final class ThreadStartRecorder implements AutoCloseable {

	static final String THREAD_START = "jdk.ThreadStart";

	private final ContinuousRecording recording;

	private final Object lock = new Object();

	private final StackProfile sinceStart = new StackProfile(1);

	private final List<Window> windows = new ArrayList<>();

	private ContinuousRecording.Subscription subscription;

	private String unavailable = "thread starts are not being recorded: the recorder was not started";

	/**
	 * Creates a recorder with a stream of its own.
	 */
	public ThreadStartRecorder() {
		this(new ContinuousRecording());
	}

	/**
	 * Creates a recorder that reads a stream it shares with other recorders.
	 * @param recording the shared stream
	 */
	public ThreadStartRecorder(ContinuousRecording recording) {
		this.recording = recording;
	}

	/**
	 * Starts recording. Never fails: where the Flight Recorder cannot run, the reason is kept for
	 * {@link #unavailableReason()} and the application carries on.
	 */
	public synchronized void start() {
		if (this.subscription != null) {
			return;
		}
		try {
			this.subscription = this.recording.subscribe(Set.of(THREAD_START), null, this::record);
			this.unavailable = null;
		}
		catch (IllegalStateException ex) {
			this.unavailable = "thread starts are not recorded: " + ex.getMessage();
		}
	}

	/**
	 * Stops recording and releases the stream's thread and files.
	 */
	@Override
	public synchronized void close() {
		if (this.subscription != null) {
			this.subscription.close();
			this.subscription = null;
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
		this.recording.awaitDeliveryUntilNow();
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
			this.recording.awaitDeliveryUntilNow();
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
