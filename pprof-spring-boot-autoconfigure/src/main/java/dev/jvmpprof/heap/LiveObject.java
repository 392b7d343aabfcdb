package dev.jvmpprof.heap;

/**
 * One object that JFR's leak profiler sampled at its allocation and that was still alive when asked.
 *
 * @param site where it was allocated
 * @param size its size in bytes
 * @param allocated when it was allocated, in nanoseconds of the epoch ({@link dev.jvmpprof.pprof.EpochNanos})
 */
record LiveObject(AllocationCounts.Site site, long size, long allocated) {

	LiveObject at(AllocationCounts.Site other) {
		return new LiveObject(other, this.size, this.allocated);
	}

}
