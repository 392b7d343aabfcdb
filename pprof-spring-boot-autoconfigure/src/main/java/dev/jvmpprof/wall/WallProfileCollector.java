package dev.jvmpprof.wall;

import java.time.Duration;

import dev.jvmpprof.sampled.SampledProfileCollector;

/**
 * The wall profile's default window, where the profile page still reads it; the profile itself is taken by
 * {@link SampledProfileCollector#wall}. To go once the page reads the default window from the profile's name.
 */
public final class WallProfileCollector {

	/** The window when the request names none. */
	public static final Duration DEFAULT_DURATION = SampledProfileCollector.DEFAULT_DURATION;

	private WallProfileCollector() {
	}

}
