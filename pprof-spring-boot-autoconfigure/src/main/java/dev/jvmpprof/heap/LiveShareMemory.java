package dev.jvmpprof.heap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Remembers each live sample's share of its type from one exact answer to the next: a sample still alive keeps its
 * share, and what its type gained goes to the samples allocated since.
 *
 * <p>Why: a type's live bytes are exact, but a few dozen samples split them between sites, and split afresh each
 * time, a stable site's share swung by more than a leak's growth between two answers; {@code -diff_base} then showed
 * the swing. Kept, a site that holds the same objects reads the same, and a type's growth lands where its new objects
 * were allocated.
 *
 * <p>A sample is known again by its type, its size and its allocation time, within {@link #SAME_TIME_NANOS}: the
 * leak profiler writes the same object's time anew in each recording it dumps, converted from ticks by that
 * recording's own clock reading, and the nanoseconds were seen to differ by about a tenth of a microsecond.
 */
final class LiveShareMemory {

	private static final long SAME_TIME_NANOS = 1_000_000;

	private Map<SampleKind, TreeMap<Long, Long>> shares = new HashMap<>();

	private final Map<SampleKind, TreeMap<Long, Long>> next = new HashMap<>();

	/**
	 * Spreads a type's bytes over its live samples: those seen before keep their share (scaled down if the type
	 * shrank below them), the new ones share the rest by weight.
	 * @param samples the type's live samples
	 * @param weights what each sample stands for, in the order of {@code samples}
	 * @param bytes the type's bytes to spread; never less than the samples' sizes
	 * @return each sample's share, in the order of {@code samples}
	 */
	long[] spread(List<LiveObject> samples, double[] weights, long bytes) {
		int n = samples.size();
		long[] shares = new long[n];
		long kept = 0;
		List<Integer> fresh = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			Long before = claim(samples.get(i));
			if (before != null) {
				shares[i] = before;
				kept += before;
			}
			else {
				fresh.add(i);
			}
		}
		if (kept == 0) {
			shares = LiveHeapShares.of(sizes(samples, null), weights, bytes);
		}
		else if (fresh.isEmpty() || kept > bytes) {
			// Nothing new to give the difference to, or the type shrank: the kept shares scale to its bytes.
			for (int i = 0; i < n; i++) {
				shares[i] = Math.max(samples.get(i).size(), Math.round((double) shares[i] * bytes / kept));
			}
		}
		else {
			long[] freshSizes = sizes(samples, fresh);
			double[] freshWeights = fresh.stream().mapToDouble((i) -> weights[i]).toArray();
			long[] freshShares = LiveHeapShares.of(freshSizes, freshWeights, bytes - kept);
			for (int j = 0; j < fresh.size(); j++) {
				shares[fresh.get(j)] = freshShares[j];
			}
		}
		for (int i = 0; i < n; i++) {
			LiveObject sample = samples.get(i);
			this.next.computeIfAbsent(SampleKind.of(sample), (kind) -> new TreeMap<>()).put(sample.allocated(), shares[i]);
		}
		return shares;
	}

	/**
	 * Takes the share the previous answer gave this sample, found by its allocation time give or take
	 * {@link #SAME_TIME_NANOS}; taken, it is no other sample's.
	 */
	private Long claim(LiveObject sample) {
		TreeMap<Long, Long> times = this.shares.get(SampleKind.of(sample));
		if (times == null) {
			return null;
		}
		Map.Entry<Long, Long> below = times.floorEntry(sample.allocated());
		Map.Entry<Long, Long> above = times.ceilingEntry(sample.allocated());
		Map.Entry<Long, Long> nearest = (below == null) ? above : (above == null) ? below
				: (sample.allocated() - below.getKey() <= above.getKey() - sample.allocated()) ? below : above;
		if (nearest == null || Math.abs(nearest.getKey() - sample.allocated()) > SAME_TIME_NANOS) {
			return null;
		}
		times.remove(nearest.getKey());
		return nearest.getValue();
	}

	/**
	 * Ends an answer: the shares it gave are those the next answer keeps; samples that died are forgotten.
	 */
	void answered() {
		this.shares = new HashMap<>(this.next);
		this.next.clear();
	}

	private static long[] sizes(List<LiveObject> samples, List<Integer> indexes) {
		return (indexes != null) ? indexes.stream().mapToLong((i) -> samples.get(i).size()).toArray()
				: samples.stream().mapToLong(LiveObject::size).toArray();
	}

	/** What a sample must share with itself in an earlier answer besides its allocation time. */
	private record SampleKind(String type, long size) {

		static SampleKind of(LiveObject object) {
			return new SampleKind(object.site().type(), object.size());
		}

	}

}
