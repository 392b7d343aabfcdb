package dev.jvmpprof.pprof;

import java.time.Instant;

/**
 * Instants as nanoseconds since the epoch: the unit of a profile's {@code time_nanos}, and the one in which the
 * starter compares the times of recorded events, label intervals and live samples.
 */
public final class EpochNanos {

	private EpochNanos() {
	}

	/**
	 * Returns an instant in nanoseconds since the epoch.
	 * @param instant the instant
	 * @return its nanoseconds since the epoch
	 */
	public static long of(Instant instant) {
		return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
	}

}
