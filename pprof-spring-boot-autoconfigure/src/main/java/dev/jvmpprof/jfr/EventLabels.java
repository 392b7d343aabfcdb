package dev.jvmpprof.jfr;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jdk.jfr.EventType;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;

import dev.jvmpprof.labels.LabelCapture;
import dev.jvmpprof.pprof.Label;

/**
 * Adds to a sample the labels its thread carried when the event happened: the request it served
 * ({@code http.route}, {@code http.method}, trace ids) and those of {@code PprofLabels} blocks.
 */
final class EventLabels {

	private final LabelCapture.Lookup lookup;

	private final Map<Pair, List<Label>> combined = new HashMap<>();

	EventLabels(LabelCapture.Lookup lookup) {
		this.lookup = lookup;
	}

	/**
	 * Returns the event's own labels with its thread's labels added; a thread's label wins over an event's on the
	 * same key.
	 * @param event the event
	 * @param own the labels the profile gives it, such as {@code thread}
	 * @param windowStart when the event's window started
	 * @return the labels of the sample
	 */
	List<Label> of(RecordedEvent event, List<Label> own, Instant windowStart) {
		RecordedThread thread = thread(event);
		if (thread == null) {
			return own;
		}
		List<Label> carried = this.lookup.at(thread.getJavaThreadId(), time(event, windowStart));
		if (carried.isEmpty()) {
			return own;
		}
		if (own.isEmpty()) {
			return carried;
		}
		return this.combined.computeIfAbsent(new Pair(own, carried), EventLabels::combine);
	}

	private static List<Label> combine(Pair pair) {
		List<Label> labels = new ArrayList<>(pair.own.size() + pair.carried.size());
		for (Label label : pair.own) {
			if (pair.carried.stream().noneMatch((carried) -> carried.key().equals(label.key()))) {
				labels.add(label);
			}
		}
		labels.addAll(pair.carried);
		return List.copyOf(labels);
	}

	private static RecordedThread thread(RecordedEvent event) {
		EventType type = event.getEventType();
		// Samples name the sampled thread; waits name the thread that waited.
		if (type.getField("sampledThread") != null) {
			return event.getThread("sampledThread");
		}
		return (type.getField("eventThread") != null) ? event.getThread("eventThread") : null;
	}

	/**
	 * The time to look labels up at. A sample is an instant. A wait spans a time during which its thread, blocked,
	 * could not change its labels: its middle is the time furthest from the label changes on either side, which
	 * keeps clear of the small skew between the recording's clock and ours. Only the part within the window counts,
	 * since labels are kept from the window's start.
	 */
	private static Instant time(RecordedEvent event, Instant windowStart) {
		Instant start = event.getStartTime();
		Instant end = event.getEndTime();
		if (!end.isAfter(start)) {
			return start;
		}
		if (start.isBefore(windowStart)) {
			start = windowStart;
		}
		return start.plus(Duration.between(start, end).dividedBy(2));
	}

	// Both lists come from caches that hand out one instance per distinct value: identity is enough, and cheap.
	private record Pair(List<Label> own, List<Label> carried) {

		@Override
		public boolean equals(Object other) {
			return other instanceof Pair pair && pair.own == this.own && pair.carried == this.carried;
		}

		@Override
		public int hashCode() {
			return 31 * System.identityHashCode(this.own) + System.identityHashCode(this.carried);
		}

	}

}
