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
 * One always-on in-process Flight Recorder stream that the profiles recorded from startup share (thread starts, lock
 * waits): one consumer thread and one set of chunks on disk however many of them run. The stream starts with the
 * first subscription and stops when the last one closes.
 */
public final class ContinuousRecording {

	private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(3);

	// Events are read back within a second; the recording needs to keep no more on disk than that.
	private static final Duration MAX_AGE = Duration.ofMinutes(1);

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
			StackDepth.raiseBeforeFirstRecording();
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
		Subscription subscription = new Subscription(events, action);
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
	 * Waits until every event before now has been delivered. The stream delivers events at its flushes, about once
	 * a second, in time order; a mark committed now arrives after everything committed before it.
	 * @throws InterruptedException if interrupted while waiting
	 */
	public void awaitDeliveryUntilNow() throws InterruptedException {
		synchronized (this) {
			if (this.stream == null) {
				return;
			}
		}
		long deadline = System.nanoTime() + DELIVERY_TIMEOUT.toNanos();
		synchronized (this.delivery) {
			long sequence = ++this.marksCommitted;
			DeliveryMark mark = new DeliveryMark();
			mark.sequence = sequence;
			mark.commit();
			// A stream that stopped delivering must not hold a request forever: answer with what has arrived.
			while (this.marksDelivered < sequence) {
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

		private Subscription(Set<String> events, Consumer<RecordedEvent> action) {
			this.events = Set.copyOf(events);
			this.action = action;
		}

		@Override
		public void close() {
			unsubscribe(this);
		}

	}

}
