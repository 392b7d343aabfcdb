package dev.jvmpprof.labels;

import java.time.Instant;

import dev.jvmpprof.pprof.EpochNanos;

/**
 * Relates the {@link System#nanoTime()} clock of label intervals to the wall-clock instants of recorded events.
 *
 * <p>Intervals use nanoTime, the cheapest clock and one that never steps. Flight Recorder and async-profiler stamp
 * events with the wall-clock time of their chunk's start plus a monotonic tick count, so an event's {@link Instant}
 * minus the offset measured here lands on the nanoTime clock, within some 20 microseconds. The offset is measured
 * again for each encoding, so NTP slewing between profiles does not add up.
 */
final class WallClock {

	private WallClock() {
	}

	/**
	 * Returns wall-clock nanoseconds minus nanoTime, read in the tightest of a few tries.
	 * @return the offset in nanoseconds
	 */
	static long offsetNanos() {
		long best = Long.MAX_VALUE;
		long offset = 0;
		for (int i = 0; i < 5; i++) {
			long before = System.nanoTime();
			Instant now = Instant.now();
			long after = System.nanoTime();
			if (after - before < best) {
				best = after - before;
				offset = EpochNanos.of(now) - (before + (after - before) / 2);
			}
		}
		return offset;
	}

}
