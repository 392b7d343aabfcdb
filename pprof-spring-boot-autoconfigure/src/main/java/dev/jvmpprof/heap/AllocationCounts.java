package dev.jvmpprof.heap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.jvmpprof.pprof.Frame;
import dev.jvmpprof.pprof.StackInterner;

/**
 * The running estimates of the objects and bytes allocated per allocation site and size class, since sampling
 * started. They only grow: a site's sample in one answer never reads less than in an earlier one.
 */
final class AllocationCounts {

	private final Map<Bucket, double[]> totals = new HashMap<>();

	private final Map<Site, Site> sites = new HashMap<>();

	private final StackInterner interner = new StackInterner();

	/**
	 * Returns the counter of a bucket, which {@link #add(double[], double, double)} adds to; a new bucket starts
	 * at zero.
	 * @param bucket where objects of one size class were allocated
	 * @return the bucket's counter, the same array for equal buckets
	 */
	synchronized double[] counter(Bucket bucket) {
		Bucket canonical = new Bucket(site(bucket.site()), bucket.size());
		return this.totals.computeIfAbsent(canonical, (key) -> new double[2]);
	}

	/**
	 * Returns the one site that stands for every site with the same type and frames, whichever way the frames are
	 * grouped into inline chains. The compiler inlines a method into its caller, or stops doing so, as it
	 * recompiles: the same stack then arrives grouped another way, and would be another sample beside the first,
	 * its values moving from one to the other. The first grouping seen is kept for the sampler's life.
	 * @param site a site as converted from a recorded stack
	 * @return the site to count it at
	 */
	synchronized Site site(Site site) {
		Site canonical = this.sites.get(new Site(site.type(), List.of(flatten(site.stack()))));
		if (canonical == null) {
			canonical = new Site(site.type().intern(), this.interner.intern(site.stack()));
			// Keyed by the interned frames: the converted stack's own frames and names are not kept.
			this.sites.put(new Site(canonical.type(), List.of(flatten(canonical.stack()))), canonical);
		}
		return canonical;
	}

	private static List<Frame> flatten(List<List<Frame>> stack) {
		List<Frame> frames = new ArrayList<>(stack.size() + 8);
		stack.forEach(frames::addAll);
		return frames;
	}

	/**
	 * Counts what one sampled object stands for.
	 * @param counter the counter of its bucket, from {@link #counter(Bucket)}
	 * @param objects the objects it stands for
	 * @param bytes their bytes
	 */
	synchronized void add(double[] counter, double objects, double bytes) {
		counter[0] += objects;
		counter[1] += bytes;
	}

	/**
	 * Returns a copy of the totals.
	 * @return per bucket, {@code [objects, bytes]}
	 */
	synchronized Map<Bucket, double[]> snapshot() {
		Map<Bucket, double[]> copy = new HashMap<>(this.totals.size() * 2);
		this.totals.forEach((bucket, total) -> copy.put(bucket, total.clone()));
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

	/**
	 * Go's heap buckets are a stack and an object size; ours are a site and a {@link SizeClass}. A bucket is one
	 * sample, with the same {@code bytes} label, in every answer.
	 *
	 * @param site where the objects were allocated
	 * @param size their size class, {@code 0} for the samples that stand for no sampled object
	 */
	record Bucket(Site site, long size) {
	}

}
