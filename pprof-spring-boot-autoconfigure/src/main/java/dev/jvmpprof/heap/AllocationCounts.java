package dev.jvmpprof.heap;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.jvmpprof.pprof.Frame;
import dev.jvmpprof.pprof.StackInterner;

/**
 * The running totals of JFR's allocation samples per allocation site, since sampling started: how many samples, and
 * the sum of their weights, which estimates the bytes allocated there.
 */
final class AllocationCounts {

	private final Map<Site, long[]> totals = new HashMap<>();

	private final StackInterner interner = new StackInterner();

	/**
	 * Returns the counter of a site, which {@link #add(long[], long)} adds to; a new site starts at zero.
	 * @param site where objects were allocated
	 * @return the site's counter, the same array for equal sites
	 */
	synchronized long[] counter(Site site) {
		long[] total = this.totals.get(site);
		if (total == null) {
			total = new long[2];
			this.totals.put(new Site(site.type().intern(), this.interner.intern(site.stack())), total);
		}
		return total;
	}

	/**
	 * Counts one {@code jdk.ObjectAllocationSample}.
	 * @param counter the counter of the site where it was allocated, from {@link #counter(Site)}
	 * @param weight the bytes its thread allocated since its previous sample
	 */
	synchronized void add(long[] counter, long weight) {
		counter[0]++;
		counter[1] += weight;
	}

	/**
	 * Returns a copy of the totals.
	 * @return per site, {@code [samples, bytes]}
	 */
	synchronized Map<Site, long[]> snapshot() {
		Map<Site, long[]> copy = new HashMap<>(this.totals.size() * 2);
		this.totals.forEach((site, total) -> copy.put(site, total.clone()));
		return copy;
	}

	/**
	 * Where objects were allocated: their type and the stack that allocated them.
	 *
	 * @param type the allocated type as JFR names it ({@code [J}, {@code com.example.Order})
	 * @param stack the allocating stack, leaf first
	 */
	record Site(String type, List<List<Frame>> stack) {
	}

}
