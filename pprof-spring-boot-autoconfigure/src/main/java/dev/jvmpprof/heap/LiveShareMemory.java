package dev.jvmpprof.heap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.jvmpprof.heap.AllocationCounts.Bucket;

/**
 * Remembers how each type's bytes were split in one exact answer, so that the next one moves bytes only where the
 * samples changed: a sample still alive keeps its share, so do the bytes that no sample stood for, and what the
 * type gained goes to the samples allocated since.
 *
 * <p>Why: a type's live bytes are exact, but a few dozen samples split them between sites, and split afresh each
 * time, a stable site's share swung by more than a leak's growth between two answers; {@code -diff_base} then showed
 * the swing. A type without a live sample in one answer (the leak profiler's queue, long full, takes new samples
 * seldom) had all its bytes moved to the sites sampled in the next, the leak's earlier bytes among them.
 *
 * <p>A sample is known again by its type, its size and its allocation time, within {@link #SAME_TIME_NANOS}: the
 * leak profiler writes the same object's time anew in each recording it dumps, converted from ticks by that
 * recording's own clock reading, and the nanoseconds were seen to differ by about a tenth of a microsecond.
 *
 * <p>A sample stands for no more than its cap, which the caller derives from what its site allocated since the last
 * answer ({@link #allocatedSince}): in a JVM whose leak profiler takes new samples seldom, the only new one of a type
 * may be a buffer a request keeps (a pooled response buffer, Flight Recorder's metadata rewritten at a dump), and
 * time weights gave it all that the type gained: 41 MiB of a leak's 40 at a request's buffer. What no sample may
 * stand for stays with the type, not sampled.
 */
final class LiveShareMemory {

	private static final long SAME_TIME_NANOS = 1_000_000;

	private Map<String, TypeShares> shares = new HashMap<>();

	private final Map<String, TypeShares> next = new HashMap<>();

	private Map<Bucket, double[]> allocatedBefore = Map.of();

	/**
	 * Splits a type's bytes between its live samples and what none of them stands for.
	 * @param type the type's name, as the class histogram writes it
	 * @param samples the type's live samples
	 * @param weights what each sample stands for, in the order of {@code samples}
	 * @param caps the most bytes each sample may stand for where it is new, in the order of {@code samples}
	 * @param bytes the type's bytes to split; never less than the samples' sizes
	 * @return each sample's share, and the bytes that no sample stands for
	 */
	Split spread(String type, List<LiveObject> samples, double[] weights, double[] caps, long bytes) {
		TypeShares before = this.shares.getOrDefault(type, TypeShares.NONE);
		int n = samples.size();
		long[] shares = new long[n];
		long unsampled = before.unsampled();
		long kept = unsampled;
		List<Integer> fresh = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			Long share = before.claim(samples.get(i));
			if (share != null) {
				shares[i] = share;
				kept += share;
			}
			else {
				fresh.add(i);
			}
		}
		if (n == 0) {
			unsampled = bytes;
		}
		else if (kept == 0) {
			LiveHeapShares.Capped first = LiveHeapShares.capped(sizes(samples, null), weights, caps, bytes);
			shares = first.shares();
			unsampled += first.left();
		}
		else if (fresh.isEmpty() || kept > bytes) {
			// Nothing new to give the difference to, or the type shrank: the kept shares scale to its bytes.
			double scale = (double) bytes / kept;
			for (int i = 0; i < n; i++) {
				shares[i] = Math.max(samples.get(i).size(), Math.round(shares[i] * scale));
			}
			unsampled = Math.round(unsampled * scale);
		}
		else {
			double[] freshWeights = fresh.stream().mapToDouble((i) -> weights[i]).toArray();
			double[] freshCaps = fresh.stream().mapToDouble((i) -> caps[i]).toArray();
			LiveHeapShares.Capped freshShares = LiveHeapShares.capped(sizes(samples, fresh), freshWeights, freshCaps,
					bytes - kept);
			for (int j = 0; j < fresh.size(); j++) {
				shares[fresh.get(j)] = freshShares.shares()[j];
			}
			unsampled += freshShares.left();
		}
		TypeShares remembered = new TypeShares(unsampled);
		for (int i = 0; i < n; i++) {
			remembered.keep(samples.get(i), shares[i]);
		}
		this.next.put(type, remembered);
		return new Split(shares, unsampled);
	}

	/**
	 * Returns the bytes a bucket allocated since the last answer.
	 * @param bucket a live sample's site and size class
	 * @param allocations the allocations now, per bucket {@code [objects, bytes]}
	 * @return the bytes, or infinity where the bucket's allocations were not counted
	 */
	double allocatedSince(Bucket bucket, Map<Bucket, double[]> allocations) {
		double[] now = allocations.get(bucket);
		if (now == null) {
			return Double.POSITIVE_INFINITY;
		}
		double[] before = this.allocatedBefore.get(bucket);
		return now[1] - ((before != null) ? before[1] : 0);
	}

	/**
	 * Ends an answer: the split it made is the one the next answer starts from; samples that died and types it did
	 * not see are forgotten.
	 * @param allocations the allocations the answer showed, per bucket {@code [objects, bytes]}
	 */
	void answered(Map<Bucket, double[]> allocations) {
		this.shares = new HashMap<>(this.next);
		this.next.clear();
		this.allocatedBefore = allocations;
	}

	private static long[] sizes(List<LiveObject> samples, List<Integer> indexes) {
		return (indexes != null) ? indexes.stream().mapToLong((i) -> samples.get(i).size()).toArray()
				: samples.stream().mapToLong(LiveObject::size).toArray();
	}

	/**
	 * A type's split.
	 *
	 * @param shares each sample's share, in the order of the samples
	 * @param unsampled the bytes that no live sample stands for
	 */
	record Split(long[] shares, long unsampled) {

	}

	/** One type's split in an answer: its samples' shares by size and allocation time, and its unsampled bytes. */
	private static final class TypeShares {

		static final TypeShares NONE = new TypeShares(0);

		private final Map<Long, TreeMap<Long, Long>> bySize = new HashMap<>();

		private final long unsampled;

		TypeShares(long unsampled) {
			this.unsampled = unsampled;
		}

		long unsampled() {
			return this.unsampled;
		}

		void keep(LiveObject sample, long share) {
			this.bySize.computeIfAbsent(sample.size(), (size) -> new TreeMap<>()).put(sample.allocated(), share);
		}

		/**
		 * Takes the share of the sample of the same size allocated nearest in time, within
		 * {@link LiveShareMemory#SAME_TIME_NANOS}; taken, it is no other sample's.
		 */
		Long claim(LiveObject sample) {
			TreeMap<Long, Long> times = this.bySize.get(sample.size());
			if (times == null) {
				return null;
			}
			long time = sample.allocated();
			Long below = times.floorKey(time);
			Long above = times.ceilingKey(time);
			Long nearest = (below == null) ? above
					: (above == null) ? below : (time - below <= above - time) ? below : above;
			if (nearest == null || Math.abs(nearest - time) > SAME_TIME_NANOS) {
				return null;
			}
			return times.remove(nearest);
		}

	}

}
