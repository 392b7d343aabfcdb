package dev.jvmpprof.jfr;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jdk.jfr.EventType;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;

import dev.jvmpprof.labels.LabelCapture;
import dev.jvmpprof.labels.SampleLabels;
import dev.jvmpprof.pprof.Label;

/**
 * Adds to a sample the labels its thread carried when the event happened: the request it served
 * ({@code http.route}, {@code http.method}, trace ids) and those of {@code PprofLabels} blocks.
 */
final class EventLabels {

	private final LabelCapture.Lookup lookup;

	private final SampleLabels combined = new SampleLabels();

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
		return this.combined.of(own, this.lookup.at(thread.getJavaThreadId(), time(event, windowStart)));
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

}
