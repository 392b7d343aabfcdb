package dev.jvmpprof.heap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers each live sample's share of its type from one exact answer to the next: a sample still alive keeps its
 * share, and what its type gained goes to the samples allocated since.
 *
 * <p>Why: a type's live bytes are exact, but a few dozen samples split them between sites, and split afresh each
 * time, a stable site's share swung by more than a leak's growth between two answers; {@code -diff_base} then showed
 * the swing. Kept, a site that holds the same objects reads the same, and a type's growth lands where its new objects
 * were allocated.
 */
final class LiveShareMemory {

	private Map<SampleKey, Long> shares = new HashMap<>();

	private final Map<SampleKey, Long> next = new HashMap<>();

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
			Long before = this.shares.get(SampleKey.of(samples.get(i)));
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
			this.next.put(SampleKey.of(samples.get(i)), shares[i]);
		}
		return shares;
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

	/** A sampled object, told apart from others by its type, size and the instant of its allocation. */
	private record SampleKey(String type, long size, long allocated) {

		static SampleKey of(LiveObject object) {
			return new SampleKey(object.site().type(), object.size(), object.allocated());
		}

	}

}
