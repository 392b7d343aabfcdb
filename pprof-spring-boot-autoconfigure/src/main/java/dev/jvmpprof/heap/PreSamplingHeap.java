package dev.jvmpprof.heap;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds what is still alive of the heap that was in use when sampling started, which no live sample can stand for:
 * in all, and by type where class histograms are read.
 *
 * <p>Objects allocated before sampling can only die, so each reading of the heap after a collection, less the live
 * samples allocated since, bounds them; the smallest bound seen is kept. Without it, the garbage counted in the heap
 * when sampling started would take bytes from the sampled objects forever. The heap is read once a second rather
 * than at every collection, whose notifications cost more (BENCHMARKS.md, "Design notes"); a bound missed between
 * two readings is still a bound.
 */
final class PreSamplingHeap {

	private final AtomicLong bytes;

	private final Map<String, Long> bytesByType = new ConcurrentHashMap<>();

	private final boolean everyTypeCounted;

	private PreSamplingHeap(long bytes, boolean everyTypeCounted) {
		this.bytes = new AtomicLong(bytes);
		this.everyTypeCounted = everyTypeCounted;
	}

	/**
	 * Starts bounding from the heap that is alive now, in all and by type.
	 * @return the bound
	 */
	static PreSamplingHeap start() {
		// One full collection while the application starts and its heap is small (a pause of 5-9 ms on 15-60 MB live):
		// counted with its garbage, a type's bound stayed loose and took the bytes of that type's unsampled objects
		// (17 MiB against 13 MiB of a test application's 57 MiB). Without a histogram a type's first bound is its
		// first reading.
		return start(ClassHistogram.afterFullGc());
	}

	/**
	 * Starts bounding from a count of the heap that is alive now.
	 * @param types the live objects by type, or empty where the JVM cannot count them
	 * @return the bound
	 */
	static PreSamplingHeap start(Optional<ClassHistogram> types) {
		PreSamplingHeap heap = new PreSamplingHeap(
				types.map(ClassHistogram::totalBytes).orElseGet(HeapUsage::afterLastGc), types.isPresent());
		types.ifPresent((histogram) -> histogram.byType()
			.forEach((type, counts) -> heap.bytesByType.put(type, counts[1])));
		return heap;
	}

	/**
	 * Returns the bound now.
	 * @return the bytes at most still alive of what was allocated before sampling started
	 */
	long bytes() {
		return this.bytes.get();
	}

	/**
	 * Lowers the bound to {@code atMost} if that is smaller.
	 * @param atMost another bound, such as the heap in use after the last collection less the live samples
	 * @return the bound now
	 */
	long lowerTo(long atMost) {
		return this.bytes.accumulateAndGet(Math.max(atMost, 0), Math::min);
	}

	/**
	 * Lowers the bound on one type to {@code atMost} if that is smaller. A type that had no instances when sampling
	 * started has none left; where the types were not counted then, a type's first reading is its first bound.
	 * @param type the type's Java name
	 * @param atMost a bound, such as the type's live bytes after a full collection less its live samples
	 * @return the bound on that type now
	 */
	long lowerTo(String type, long atMost) {
		long bound = Math.max(atMost, 0);
		return this.bytesByType.compute(type, (name, before) -> (before != null) ? Math.min(before, bound)
				: this.everyTypeCounted ? 0 : bound);
	}

	/**
	 * Lowers the bound to the heap in use after the last collection.
	 * @return the bound now
	 */
	long lowerToLastCollection() {
		return lowerTo(HeapUsage.afterLastGc());
	}

}
