package dev.jvmpprof.labels;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import dev.jvmpprof.pprof.EpochNanos;
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

		private final Map<Long, ThreadLookup> threads = new HashMap<>();

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
			return at(threadId, EpochNanos.of(time));
		}

		/**
		 * Returns the labels thread {@code threadId} carried at {@code epochNanos}.
		 * @param threadId the Java thread id
		 * @param epochNanos when, in nanoseconds since the epoch as recordings timestamp events
		 * @return the labels, sorted by key; empty where it carried none
		 */
		public List<Label> at(long threadId, long epochNanos) {
			return thread(threadId).at(epochNanos);
		}

		/**
		 * Returns the lookup of one thread's labels, for a caller that meets the same thread in many samples and
		 * keeps it by the recording's own thread id.
		 * @param threadId the Java thread id
		 * @return the thread's lookup
		 */
		public ThreadLookup thread(long threadId) {
			ThreadLookup thread = this.threads.get(threadId);
			if (thread == null) {
				// Most sampled threads never carry labels: remember that too, not to ask the recording per sample.
				ThreadIntervals.Snapshot intervals = this.recording.snapshot(threadId);
				thread = new ThreadLookup(this, (intervals != null) ? intervals : NO_INTERVALS);
				this.threads.put(threadId, thread);
			}
			return thread;
		}

		private List<Label> resolve(LabelScope scope) {
			return this.resolved.computeIfAbsent(scope, (key) -> this.distinct.computeIfAbsent(key.resolve(),
					Lookup::labels));
		}

		private static List<Label> labels(Map<String, String> values) {
			List<Label> labels = new ArrayList<>(values.size());
			values.forEach((key, value) -> labels.add(Label.of(key, value)));
			return Collections.unmodifiableList(labels);
		}

	}

	/**
	 * Finds the labels one thread carried at a time. Not thread-safe, as its {@link Lookup}.
	 */
	public static final class ThreadLookup {

		private final Lookup lookup;

		private final ThreadIntervals.Snapshot intervals;

		ThreadLookup(Lookup lookup, ThreadIntervals.Snapshot intervals) {
			this.lookup = lookup;
			this.intervals = intervals;
		}

		/**
		 * Returns the labels the thread carried at {@code epochNanos}.
		 * @param epochNanos when, in nanoseconds since the epoch as recordings timestamp events
		 * @return the labels, sorted by key, one instance per distinct value; empty where it carried none
		 */
		public List<Label> at(long epochNanos) {
			if (this.intervals.starts().length == 0) {
				return List.of();
			}
			LabelScope scope = this.intervals.at(epochNanos - this.lookup.offsetNanos);
			return (scope != null) ? this.lookup.resolve(scope) : List.of();
		}

	}

}
