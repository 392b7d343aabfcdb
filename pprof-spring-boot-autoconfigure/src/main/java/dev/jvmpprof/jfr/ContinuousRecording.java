package dev.jvmpprof.jfr;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import jdk.jfr.EventSettings;
import jdk.jfr.FlightRecorder;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;

/**
 * One always-on in-process Flight Recorder stream that the profiles recorded from startup share (allocations, thread
 * starts, lock waits): one consumer thread, one parse of the chunks and one set of them on disk however many of them
 * run. The stream starts with the first subscription and stops when the last one closes.
 */
public final class ContinuousRecording {

	private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(3);

	// Events are read back within a second; the recording needs to keep no more on disk than that, and no more than
	// a bounded size where allocation events come fast.
	private static final Duration MAX_AGE = Duration.ofMinutes(1);

	private static final long MAX_SIZE = 64L * 1024 * 1024;

	private final Object delivery = new Object();

	private final List<Subscription> subscriptions = new ArrayList<>();

	private long marksCommitted;

	private long marksDelivered;

	private RecordingStream stream;

	/**
	 * Records {@code events} with their stack traces from now on and hands each to {@code action} on the stream's
	 * thread, about a second after it happened.
	 * @param events the Flight Recorder event names
	 * @param threshold the shortest event to record, or {@code null} for events that have no duration
	 * @param action what to do with each event; called on one thread
	 * @return the subscription, to close when done
	 * @throws IllegalStateException if the Flight Recorder cannot run in this JVM, with the reason as message
	 */
	public synchronized Subscription subscribe(Set<String> events, Duration threshold, Consumer<RecordedEvent> action) {
		if (!FlightRecorder.isAvailable()) {
			throw new IllegalStateException("the JDK Flight Recorder is not available in this JVM");
		}
		boolean starting = this.stream == null;
		if (starting) {
			RecorderOptions.setBeforeFirstRecording();
		}
		RecordingStream recording = starting ? new RecordingStream() : this.stream;
		try {
			for (String event : events) {
				// The action first, so that no event is recorded before something reads it.
				recording.onEvent(event, action);
				EventSettings settings = recording.enable(event).withStackTrace();
				if (threshold != null) {
					settings.withThreshold(threshold);
				}
			}
			if (starting) {
				recording.onEvent(DeliveryMark.NAME, this::delivered);
				recording.enable(DeliveryMark.class);
				recording.setMaxAge(MAX_AGE);
				recording.setMaxSize(MAX_SIZE);
				recording.startAsync();
				this.stream = recording;
			}
		}
		catch (RuntimeException ex) {
			if (starting) {
				recording.close();
			}
			throw new IllegalStateException(ex.getMessage(), ex);
		}
		Subscription subscription = new Subscription(events, action, recording);
		this.subscriptions.add(subscription);
		return subscription;
	}

	private synchronized void unsubscribe(Subscription subscription) {
		if (!this.subscriptions.remove(subscription) || this.stream == null) {
			return;
		}
		if (this.subscriptions.isEmpty()) {
			this.stream.close();
			this.stream = null;
			synchronized (this.delivery) {
				// Waiting readers wait no more: nothing is delivered from now on.
				this.marksDelivered = this.marksCommitted;
				this.delivery.notifyAll();
			}
			return;
		}
		this.stream.remove(subscription.action);
		subscription.flushActions.forEach(this.stream::remove);
		for (String event : subscription.events) {
			if (this.subscriptions.stream().noneMatch((other) -> other.events.contains(event))) {
				this.stream.disable(event);
			}
		}
	}

	private void delivered(RecordedEvent mark) {
		synchronized (this.delivery) {
			this.marksDelivered = Math.max(this.marksDelivered, mark.getLong("sequence"));
			this.delivery.notifyAll();
		}
	}

	/**
	 * Waits until every event before now has been delivered, or for at most 3 seconds.
	 * @throws InterruptedException if interrupted while waiting
	 */
	public void awaitDeliveryUntilNow() throws InterruptedException {
		awaitDelivery(mark(), DELIVERY_TIMEOUT);
	}

	/**
	 * Commits a mark into the stream, after every event committed before this call; a reader may go on with other
	 * work and then {@link #awaitDelivery wait} for it.
	 * @return the mark, or 0 where the stream does not run
	 */
	public long mark() {
		synchronized (this) {
			if (this.stream == null) {
				return 0;
			}
		}
		synchronized (this.delivery) {
			long sequence = ++this.marksCommitted;
			DeliveryMark mark = new DeliveryMark();
			mark.sequence = sequence;
			mark.commit();
			return sequence;
		}
	}

	/**
	 * Waits until the stream has delivered a mark, and so every event committed before it. The stream delivers
	 * events at its flushes, about once a second, in time order.
	 * @param mark the mark from {@link #mark()}
	 * @param atMost the longest to wait: a stream that stopped delivering must not hold a request forever, which
	 * then answers with what has arrived
	 * @throws InterruptedException if interrupted while waiting
	 */
	public void awaitDelivery(long mark, Duration atMost) throws InterruptedException {
		long deadline = System.nanoTime() + atMost.toNanos();
		synchronized (this.delivery) {
			while (this.marksDelivered < mark) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return;
				}
				TimeUnit.NANOSECONDS.timedWait(this.delivery, left);
			}
		}
	}

	/**
	 * Events recorded for one reader until it is closed.
	 */
	public final class Subscription implements AutoCloseable {

		private final Set<String> events;

		private final Consumer<RecordedEvent> action;

		private final RecordingStream stream;

		private final List<Runnable> flushActions = new ArrayList<>();

		private Subscription(Set<String> events, Consumer<RecordedEvent> action, RecordingStream stream) {
			this.events = Set.copyOf(events);
			this.action = action;
			this.stream = stream;
		}

		/**
		 * Runs {@code action} on the stream's thread after each flush's events were delivered, about once a second,
		 * until this subscription closes.
		 * @param action what to run
		 */
		public void onFlush(Runnable action) {
			synchronized (ContinuousRecording.this) {
				this.flushActions.add(action);
				this.stream.onFlush(action);
			}
		}

		@Override
		public void close() {
			unsubscribe(this);
		}

	}

}
