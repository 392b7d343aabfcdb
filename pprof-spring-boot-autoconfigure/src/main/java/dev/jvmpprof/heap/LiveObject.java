package dev.jvmpprof.heap;

import java.time.Instant;

/**
 * One object that JFR's leak profiler sampled at its allocation and that was still alive when asked.
 *
 * @param site where it was allocated
 * @param size its size in bytes
 * @param allocated when it was allocated, in nanoseconds of the epoch
 */
record LiveObject(AllocationCounts.Site site, long size, long allocated) {

	LiveObject at(AllocationCounts.Site other) {
		return new LiveObject(other, this.size, this.allocated);
	}

	/**
	 * Returns an instant in the unit of {@link #allocated()}, which the heap's counts and logs share.
	 * @param instant the instant
	 * @return nanoseconds of the epoch
	 */
	static long epochNanos(Instant instant) {
		return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
	}

}
