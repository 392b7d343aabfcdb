package dev.jvmpprof.heap;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.jvmpprof.heap.AllocationCounts.Bucket;
import dev.jvmpprof.heap.AllocationCounts.Site;
import dev.jvmpprof.pprof.EpochNanos;
import dev.jvmpprof.pprof.Frame;
import dev.jvmpprof.pprof.Label;
import dev.jvmpprof.pprof.StackProfile;
import dev.jvmpprof.pprof.ValueType;

/**
 * Builds Go's heap profile from what the sampler saw: one sample per allocation site and size class, with the
 * allocated type as its leaf frame, a {@code bytes} label for the size class on every sample, and the four values
 * {@code alloc_objects}, {@code alloc_space}, {@code inuse_objects}, {@code inuse_space} scaled to estimates of the
 * true totals. A bucket is one sample in every answer, so a client that subtracts two answers subtracts like from
 * like.
 */
final class HeapProfileBuilder {

	static final List<ValueType> SAMPLE_TYPES = List.of(new ValueType("alloc_objects", "count"),
			new ValueType("alloc_space", "bytes"), new ValueType("inuse_objects", "count"),
			new ValueType("inuse_space", "bytes"));

	static final ValueType PERIOD_TYPE = new ValueType("space", "bytes");

	static final String BEFORE_SAMPLING = "[allocated before sampling started]";

	static final String NOT_SAMPLED = "[live objects not sampled]";

	/**
	 * How far a site's allocation estimate may fall short: in a thread that mixes sizes a size reads down to 0.15x of
	 * its bytes (README), and a leak's 1 KiB records beside 64 KiB chunks read 0.45x and, in a test JVM that had run
	 * for minutes, about 0.2x. A new live sample may stand for this many times what its site was counted to allocate:
	 * capped at 1x, a leak's only new sample took 0.45x of its growth and left the rest not sampled; at 4x, 0.81x;
	 * at 10x, 1.03x. What the cap is for, a site that allocated next to nothing since the last answer, stays capped.
	 */
	private static final double ALLOCATION_ERROR = 10;

	/** The packages whose frames are on the stack of the starter's own work: the answers, the stream. */
	private static final List<String> STARTERS_OWN = List.of("dev.jvmpprof.actuate.", "dev.jvmpprof.jfr.");

	private final Map<Bucket, double[]> buckets = new LinkedHashMap<>();

	private Map<Bucket, double[]> allocations = Map.of();

	/**
	 * Adds the allocation totals.
	 * @param allocations per bucket, {@code [objects, bytes]}
	 * @return this builder
	 */
	HeapProfileBuilder allocations(Map<Bucket, double[]> allocations) {
		this.allocations = allocations;
		allocations.forEach((bucket, total) -> add(bucket, total[0], total[1], 0, 0));
		return this;
	}

	/**
	 * Adds the live samples, scaled so that their bytes add up to the heap in use that was allocated since
	 * sampling started; the rest of the heap in use shows as one sample of its own. A sample of the starter's own
	 * work stands for itself.
	 * @param live the live samples
	 * @param inUse the heap in use after the last collection
	 * @param beforeSampling what is left of the heap in use when sampling started, which no sample can stand for
	 * @return this builder
	 */
	HeapProfileBuilder live(List<LiveObject> live, long inUse, long beforeSampling) {
		long[] sizes = live.stream().mapToLong(LiveObject::size).toArray();
		long sampled = 0;
		for (long size : sizes) {
			sampled += size;
		}
		long unattributed = Math.max(0, Math.min(beforeSampling, inUse - sampled));
		// The starter's own objects stand for themselves; where they are all there is, the rest is not sampled.
		double[] weights = live.stream().mapToDouble((object) -> isStartersOwn(object.site()) ? 0 : 1).toArray();
		boolean application = Arrays.stream(weights).anyMatch((weight) -> weight > 0);
		long[] shares = application ? LiveHeapShares.of(sizes, weights, Math.max(inUse - unattributed, 0))
				: sizes.clone();
		for (int i = 0; i < sizes.length; i++) {
			add(new Bucket(live.get(i).site(), SizeClass.of(sizes[i])), 0, 0, (double) shares[i] / sizes[i], shares[i]);
		}
		if (unattributed > 0) {
			add(new Bucket(new Site(BEFORE_SAMPLING, List.of()), 0), 0, 0, 0, unattributed);
		}
		if (!application && inUse > unattributed + sampled) {
			add(new Bucket(new Site(NOT_SAMPLED, List.of()), 0), 0, 0, 0, inUse - unattributed - sampled);
		}
		return this;
	}

	/**
	 * Adds the live samples where a class histogram gives each type's exact live instances and bytes: each type's
	 * bytes, less what is left of that type from before sampling started (a sample of its own under the type), are
	 * split between the type's samples by the time each stands for, from the last split as {@link LiveShareMemory}
	 * keeps it; the bytes of a type that had no samples show as not sampled, and stay so while the type lasts.
	 * @param live the live samples
	 * @param histogram the live objects by type, counted in the same collection
	 * @param beforeSampling the bounds on what is left of the heap from before sampling started, lowered here
	 * @param memory the samples' shares in the previous exact answer, and in this one when it returns
	 * @return this builder
	 */
	HeapProfileBuilder liveByType(List<LiveObject> live, ClassHistogram histogram, PreSamplingHeap beforeSampling,
			LiveShareMemory memory) {
		addByType(live, histogram, beforeSampling, memory);
		return this;
	}

	/**
	 * Adds the live samples as of an old-generation marking: the types it counted as {@link #liveByType} does, the
	 * rest of the heap after it as {@link #live} does, over the samples of the types it did not count.
	 * @param live the live samples
	 * @param census the marking's counts
	 * @param beforeSampling the bounds on what is left of the heap from before sampling started, lowered here
	 * @param memory the samples' shares in the previous exact answer, and in this one when it returns
	 * @return this builder
	 */
	HeapProfileBuilder liveByCensus(List<LiveObject> live, MarkingCensus.Census census,
			PreSamplingHeap beforeSampling, LiveShareMemory memory) {
		ClassHistogram counted = census.counted();
		List<LiveObject> ofCountedTypes = new ArrayList<>();
		List<LiveObject> ofOtherTypes = new ArrayList<>();
		for (LiveObject object : live) {
			if (counted.mayCount(object)) {
				boolean typeCounted = counted.byType().containsKey(JavaTypes.javaName(object.site().type()));
				(typeCounted ? ofCountedTypes : ofOtherTypes).add(object);
			}
		}
		long before = addByType(ofCountedTypes, counted, beforeSampling, memory);
		long rest = census.uncounted();
		long beforeRest = Math.max(0, Math.min(beforeSampling.bytes() - before, rest - sizeOf(ofOtherTypes)));
		return live(ofOtherTypes, rest, beforeRest);
	}

	/** Adds the types of a histogram; returns the bytes it showed as allocated before sampling started. */
	private long addByType(List<LiveObject> live, ClassHistogram histogram, PreSamplingHeap beforeSampling,
			LiveShareMemory memory) {
		// Objects allocated since the count began (by the request itself, reading the samples) are not in it.
		List<LiveObject> counted = live.stream().filter(histogram::mayCount).toList();
		Map<LiveObject, Double> weights = timeWeights(counted);
		Map<String, List<LiveObject>> samplesByType = new HashMap<>();
		for (LiveObject object : counted) {
			samplesByType.computeIfAbsent(JavaTypes.javaName(object.site().type()), (type) -> new ArrayList<>())
				.add(object);
		}
		Map<String, Long> bounds = new HashMap<>();
		long boundsTotal = 0;
		for (Map.Entry<String, long[]> type : histogram.byType().entrySet()) {
			long sampled = sizeOf(samplesByType.getOrDefault(type.getKey(), List.of()));
			long bound = beforeSampling.lowerTo(type.getKey(), type.getValue()[1] - sampled);
			bounds.put(type.getKey(), bound);
			boundsTotal += bound;
		}
		// Each type's bound is only as tight as that type's readings; the heap's own bound holds for their sum.
		double scale = (boundsTotal > 0) ? Math.min(1, (double) beforeSampling.bytes() / boundsTotal) : 0;
		long before = 0;
		for (Map.Entry<String, long[]> type : histogram.byType().entrySet()) {
			long typeBefore = Math.round(bounds.get(type.getKey()) * scale);
			before += typeBefore;
			addType(type.getKey(), type.getValue()[0], type.getValue()[1], typeBefore,
					samplesByType.getOrDefault(type.getKey(), List.of()), weights, memory);
		}
		memory.answered(this.allocations);
		return before;
	}

	private void addType(String type, long instances, long bytes, long before, List<LiveObject> samples,
			Map<LiveObject, Double> weights, LiveShareMemory memory) {
		long attributed = bytes - before;
		double bytesPerInstance = (instances > 0) ? (double) bytes / instances : 0;
		double[] caps = samples.stream()
			.mapToDouble((sample) -> isStartersOwn(sample.site()) ? 0 : ALLOCATION_ERROR
					* memory.allocatedSince(new Bucket(sample.site(), SizeClass.of(sample.size())), this.allocations))
			.toArray();
		LiveShareMemory.Split split = memory.spread(type, samples,
				samples.stream().mapToDouble(weights::get).toArray(), caps, Math.max(attributed, 0));
		// Each sample stands for objects of its own size, so that a site's bytes per object is its objects' size; a
		// class's instances all have one size, so its count stays exact, an array type's is estimated.
		double attributedObjects = 0;
		for (int i = 0; i < samples.size(); i++) {
			long size = samples.get(i).size();
			double objects = (double) split.shares()[i] / size;
			attributedObjects += objects;
			add(new Bucket(samples.get(i).site(), SizeClass.of(size)), 0, 0, objects, split.shares()[i]);
		}
		if (split.unsampled() > 0) {
			double objects = (bytesPerInstance > 0) ? split.unsampled() / bytesPerInstance : 0;
			attributedObjects += objects;
			add(pseudoBucket(type, NOT_SAMPLED), 0, 0, objects, split.unsampled());
		}
		if (before > 0) {
			add(pseudoBucket(type, BEFORE_SAMPLING), 0, 0, Math.max(instances - attributedObjects, 0), before);
		}
	}

	/**
	 * Tells whether an object was allocated by the starter's own work, answering a request or reading the stream:
	 * such an object stands only for itself. The buffers an answer keeps (a pooled response buffer, Flight
	 * Recorder's metadata) are sampled now and then, and given a share of their type as the application's objects
	 * are, one took 31 MiB of a leak's 40 between two plain answers.
	 */
	private static boolean isStartersOwn(Site site) {
		return site.stack()
			.stream()
			.flatMap(List::stream)
			.anyMatch((frame) -> STARTERS_OWN.stream().anyMatch(frame.function()::startsWith));
	}

	/** A sample that stands for no sampled object: the type, called from a bracketed pseudo-frame. */
	private static Bucket pseudoBucket(String type, String frame) {
		return new Bucket(new Site(type, List.of(List.of(Frame.named(frame)))), 0);
	}

	/**
	 * Weighs each live sample by the time from its allocation to the next live sample's, the last to now: the leak
	 * profiler keeps a few of the objects allocated over a span, so a sample among many recent ones stands for less
	 * than one that alone outlived a long span (measured in BENCHMARKS.md, "Leak hunt").
	 */
	private static Map<LiveObject, Double> timeWeights(List<LiveObject> live) {
		List<LiveObject> byTime = live.stream().sorted(Comparator.comparingLong(LiveObject::allocated)).toList();
		Map<LiveObject, Double> weights = new IdentityHashMap<>();
		long nowNanos = EpochNanos.of(Instant.now());
		for (int i = 0; i < byTime.size(); i++) {
			long next = (i + 1 < byTime.size()) ? byTime.get(i + 1).allocated() : nowNanos;
			weights.put(byTime.get(i), (double) Math.max(next - byTime.get(i).allocated(), 0));
		}
		return weights;
	}

	private static long sizeOf(List<LiveObject> objects) {
		return objects.stream().mapToLong(LiveObject::size).sum();
	}

	/**
	 * Returns the profile.
	 * @return the samples with their four values
	 */
	StackProfile build() {
		StackProfile profile = new StackProfile(SAMPLE_TYPES.size());
		this.buckets.forEach((bucket, values) -> {
			List<List<Frame>> stack = new ArrayList<>(bucket.site().stack().size() + 1);
			stack.add(List.of(Frame.named(JavaTypes.javaName(bucket.site().type()))));
			stack.addAll(bucket.site().stack());
			// Go puts the numeric bytes label on every sample; the two samples that stand for no object read 0.
			List<Label> labels = List.of(Label.of("bytes", bucket.size(), ""));
			profile.add(stack, labels, Math.round(values[0]), Math.round(values[1]), Math.round(values[2]),
					Math.round(values[3]));
		});
		return profile;
	}

	private void add(Bucket bucket, double... values) {
		double[] sum = this.buckets.computeIfAbsent(bucket, (key) -> new double[4]);
		for (int i = 0; i < sum.length; i++) {
			sum[i] += values[i];
		}
	}

}
