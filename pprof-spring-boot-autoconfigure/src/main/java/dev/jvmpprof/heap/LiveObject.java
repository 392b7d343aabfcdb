package dev.jvmpprof.heap;

/**
 * One object that JFR's leak profiler sampled at its allocation and that was still alive when asked.
 *
 * @param site where it was allocated
 * @param size its size in bytes
 */
record LiveObject(AllocationCounts.Site site, long size) {
}
