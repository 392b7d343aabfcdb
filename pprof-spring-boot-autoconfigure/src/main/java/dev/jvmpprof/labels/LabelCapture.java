package dev.jvmpprof.labels;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import dev.jvmpprof.pprof.Label;

/**
 * An open capture of a {@link LabelTimeline}: while it is open, the timeline keeps which labels each thread
 * carries, so that samples of a window can be labelled by thread and time once the window is read.
 */
public final class LabelCapture implements AutoCloseable {

	private final LabelTimeline timeline;

	private final LabelTimeline.Recording recording;

	private final long start;

	LabelCapture(LabelTimeline timeline, LabelTimeline.Recording recording, long start) {
		this.timeline = timeline;
		this.recording = recording;
		this.start = start;
	}

	long start() {
		return this.start;
	}

	LabelTimeline.Recording recording() {
		return this.recording;
	}

	/**
	 * Returns a lookup of labels by thread and time, for one encoding on one thread.
	 * @return a new lookup
	 */
	public Lookup lookup() {
		return new Lookup(this.recording, WallClock.offsetNanos());
	}

	/**
	 * Returns how many label changes were not kept because the capture was full.
	 * @return the number of changes left out
	 */
	public long dropped() {
		return this.recording.dropped();
	}

	@Override
	public void close() {
		this.timeline.release(this);
	}

	/**
	 * Finds the labels a thread carried at a time. Not thread-safe: one per encoding.
	 */
	public static final class Lookup {

		private static final ThreadIntervals.Snapshot NO_INTERVALS = new ThreadIntervals.Snapshot(new long[0],
				new long[0], new LabelScope[0]);

		private final LabelTimeline.Recording recording;

		private final long offsetNanos;

		private final Map<Long, ThreadIntervals.Snapshot> threads = new HashMap<>();

		private final Map<LabelScope, List<Label>> resolved = new IdentityHashMap<>();

		private final Map<Map<String, String>, List<Label>> distinct = new HashMap<>();

		Lookup(LabelTimeline.Recording recording, long offsetNanos) {
			this.recording = recording;
			this.offsetNanos = offsetNanos;
		}

		/**
		 * Returns the labels thread {@code threadId} carried at {@code time}.
		 * @param threadId the Java thread id
		 * @param time when, as recordings timestamp events
		 * @return the labels, sorted by key; empty where it carried none
		 */
		public List<Label> at(long threadId, Instant time) {
			return at(threadId, WallClock.epochNanos(time));
		}

		/**
		 * Returns the labels thread {@code threadId} carried at {@code epochNanos}.
		 * @param threadId the Java thread id
		 * @param epochNanos when, in nanoseconds since the epoch as recordings timestamp events
		 * @return the labels, sorted by key; empty where it carried none
		 */
		public List<Label> at(long threadId, long epochNanos) {
			ThreadIntervals.Snapshot intervals = this.threads.get(threadId);
			if (intervals == null) {
				// Most sampled threads never carry labels: remember that too, not to ask the recording per sample.
				intervals = this.recording.snapshot(threadId);
				this.threads.put(threadId, (intervals != null) ? intervals : NO_INTERVALS);
			}
			if (intervals == null || intervals == NO_INTERVALS) {
				return List.of();
			}
			LabelScope scope = intervals.at(epochNanos - this.offsetNanos);
			if (scope == null) {
				return List.of();
			}
			return this.resolved.computeIfAbsent(scope, (key) -> this.distinct.computeIfAbsent(key.resolve(),
					Lookup::labels));
		}

		private static List<Label> labels(Map<String, String> values) {
			List<Label> labels = new ArrayList<>(values.size());
			values.forEach((key, value) -> labels.add(Label.of(key, value)));
			return Collections.unmodifiableList(labels);
		}

	}

}
