package dev.jvmpprof.cpu;

import java.time.Duration;

import dev.jvmpprof.sampled.SampledProfileCollector;

/**
 * The CPU profile's default window, where the profile page still reads it; the profile itself is taken by
 * {@link SampledProfileCollector#cpu}. To go once the page reads the default window from the profile's name.
 */
public final class CpuProfileCollector {

	/** The window when the request names none. */
	public static final Duration DEFAULT_DURATION = SampledProfileCollector.DEFAULT_DURATION;

	private CpuProfileCollector() {
	}

}
