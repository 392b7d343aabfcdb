package dev.jvmpprof.labels;

import java.util.Arrays;

/**
 * The label scopes one thread carried while a recording ran, as intervals [start, end) on the
 * {@link System#nanoTime()} clock, in the order the thread entered them. Written by its thread, read and pruned by
 * the encoder: every access holds the object's lock, which the writing thread alone takes almost always.
 */
final class ThreadIntervals {

	static final long OPEN = Long.MAX_VALUE;

	/**
	 * A scope left and entered again within this gap is kept as one interval. A reactive request's scope is closed
	 * and restored on every hop, microseconds apart: one interval per request instead of one per hop, at the price
	 * of labelling the thread's few microseconds between hops with its request.
	 */
	static final long MERGE_GAP_NANOS = 100_000;

	private long[] starts = new long[8];

	private long[] ends = new long[8];

	private LabelScope[] scopes = new LabelScope[8];

	private int size;

	/**
	 * Records that the thread carries {@code scope} from {@code time} on.
	 * @param time when it changed, on the nanoTime clock
	 * @param scope what it carries now, or {@code null} for nothing
	 * @param budget the recording's interval budget
	 */
	synchronized void change(long time, LabelScope scope, Budget budget) {
		int last = this.size - 1;
		if (last >= 0 && this.ends[last] == OPEN) {
			this.ends[last] = time;
		}
		if (scope == null) {
			return;
		}
		if (last >= 0 && this.scopes[last].sameAs(scope) && time - this.ends[last] <= MERGE_GAP_NANOS) {
			this.ends[last] = OPEN;
			return;
		}
		if (budget.take()) {
			append(time, scope);
		}
	}

	/**
	 * Records what the thread carried when the recording started, unless it has changed since.
	 * @param start when the recording started
	 * @param scope what the thread carried then
	 * @param budget the recording's interval budget
	 */
	synchronized void begin(long start, LabelScope scope, Budget budget) {
		if (this.size == 0 && budget.take()) {
			append(start, scope);
		}
	}

	/**
	 * Drops the intervals that ended before {@code time}: no open window can hold a sample in them.
	 * @param time the start of the oldest open window
	 * @return how many were dropped
	 */
	synchronized int dropEndedBefore(long time) {
		int keep = 0;
		while (keep < this.size && this.ends[keep] < time) {
			keep++;
		}
		if (keep > 0) {
			int remaining = this.size - keep;
			System.arraycopy(this.starts, keep, this.starts, 0, remaining);
			System.arraycopy(this.ends, keep, this.ends, 0, remaining);
			System.arraycopy(this.scopes, keep, this.scopes, 0, remaining);
			Arrays.fill(this.scopes, remaining, this.size, null);
			this.size = remaining;
		}
		return keep;
	}

	/**
	 * Returns a copy to search without the lock: the encoder looks up many samples of the same thread.
	 * @return the intervals as they are now
	 */
	synchronized Snapshot snapshot() {
		return new Snapshot(Arrays.copyOf(this.starts, this.size), Arrays.copyOf(this.ends, this.size),
				Arrays.copyOf(this.scopes, this.size));
	}

	synchronized int size() {
		return this.size;
	}

	private void append(long start, LabelScope scope) {
		if (this.size == this.starts.length) {
			int capacity = this.size * 2;
			this.starts = Arrays.copyOf(this.starts, capacity);
			this.ends = Arrays.copyOf(this.ends, capacity);
			this.scopes = Arrays.copyOf(this.scopes, capacity);
		}
		this.starts[this.size] = start;
		this.ends[this.size] = OPEN;
		this.scopes[this.size] = scope;
		this.size++;
	}

	/** How many intervals a recording may still keep, across all threads. */
	interface Budget {

		boolean take();

	}

	/** Intervals frozen for lookup. */
	record Snapshot(long[] starts, long[] ends, LabelScope[] scopes) {

		/**
		 * Returns what the thread carried at {@code time}.
		 * @param time a time on the nanoTime clock
		 * @return the scope, or {@code null} where it carried none
		 */
		LabelScope at(long time) {
			int low = 0;
			int high = this.starts.length - 1;
			int found = -1;
			while (low <= high) {
				int middle = (low + high) >>> 1;
				if (this.starts[middle] <= time) {
					found = middle;
					low = middle + 1;
				}
				else {
					high = middle - 1;
				}
			}
			return (found >= 0 && time < this.ends[found]) ? this.scopes[found] : null;
		}

	}

}
