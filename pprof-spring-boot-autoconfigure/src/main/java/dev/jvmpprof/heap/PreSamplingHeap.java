package dev.jvmpprof.heap;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the bytes still alive of the heap that was in use when sampling started, which no live sample can stand
 * for.
 *
 * <p>The heap in use when sampling starts also counts garbage that no collection has freed yet (at startup, or a
 * previous application's in a JVM with history); kept for the sampler's whole life, that count takes bytes from the
 * sampled objects forever. Objects allocated before sampling can only die, so every reading of the heap in use
 * after a collection bounds what is left of them, and so does such a reading less the sampled objects that were
 * allocated since: this keeps the smallest bound seen, which can only shrink.
 *
 * <p>The heap is read after the last collection once a second, not at every collection: a listener to the
 * collectors' notifications makes the JVM build a notification for every collection, which cost 0.4 % of a core
 * in a service allocating 1 GB/s (several young collections a second). A collection between two readings after
 * which the heap was smaller than at both is missed, so the bound can stay higher than it would have been; it is
 * still a bound.
 */
final class PreSamplingHeap {

	private final AtomicLong bytes;

	private PreSamplingHeap(long bytes) {
		this.bytes = new AtomicLong(bytes);
	}

	/**
	 * Starts bounding from the heap in use after the last collection.
	 * @return the bound
	 */
	static PreSamplingHeap start() {
		return new PreSamplingHeap(HeapUsage.afterLastGc());
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
	 * Lowers the bound to the heap in use after the last collection.
	 * @return the bound now
	 */
	long lowerToLastCollection() {
		return lowerTo(HeapUsage.afterLastGc());
	}

}
