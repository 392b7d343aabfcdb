package dev.jvmpprof.engine;

import java.time.Duration;

/**
 * How densely the engines sample: one setting per {@link SampledEvent}.
 *
 * @param cpuInterval CPU time between two samples of a running thread
 * @param wallInterval wall time between two samples of every thread
 * @param lockThreshold the shortest wait on a lock that is recorded
 */
public record SamplingSettings(Duration cpuInterval, Duration wallInterval, Duration lockThreshold) {

	public SamplingSettings {
		requirePositive(cpuInterval, "cpu interval");
		requirePositive(wallInterval, "wall interval");
		if (lockThreshold.isNegative()) {
			throw new IllegalArgumentException("The lock threshold must not be negative");
		}
	}

	/**
	 * Returns the time one sample of {@code event} stands for.
	 * @param event {@link SampledEvent#CPU} or {@link SampledEvent#WALL}
	 * @return the interval it is sampled at
	 * @throws IllegalArgumentException for {@link SampledEvent#LOCK}: waits are recorded whole, not sampled
	 */
	public Duration period(SampledEvent event) {
		return switch (event) {
			case CPU -> this.cpuInterval;
			case WALL -> this.wallInterval;
			case LOCK -> throw new IllegalArgumentException("Lock waits are recorded whole, not sampled at a period");
		};
	}

	private static void requirePositive(Duration duration, String what) {
		if (duration.isZero() || duration.isNegative()) {
			throw new IllegalArgumentException("The " + what + " must be positive");
		}
	}

}
