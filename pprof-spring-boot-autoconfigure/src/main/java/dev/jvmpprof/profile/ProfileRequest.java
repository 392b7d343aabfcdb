package dev.jvmpprof.profile;

import java.time.Duration;
import java.util.Optional;

import dev.jvmpprof.profile.ProfileException.Reason;

/**
 * A request for one profile with its parameters parsed into typed values: nothing a client sends reaches a
 * collector, or a native profiler, as raw text.
 *
 * @param name the profile
 * @param seconds the window asked for with {@code seconds}, if any
 * @param debug the {@code debug} level: 0 for pprof, 1 and 2 for text forms
 * @param gc whether {@code gc} asked for a garbage collection first
 */
public record ProfileRequest(ProfileName name, Optional<Duration> seconds, int debug, boolean gc) {

	/**
	 * Parses the parameters of a request.
	 * @param name the profile
	 * @param seconds the raw {@code seconds} parameter, or {@code null}
	 * @param debug the raw {@code debug} parameter, or {@code null}
	 * @param gc the raw {@code gc} parameter, or {@code null}
	 * @param maxDuration the longest window allowed
	 * @return the request
	 * @throws ProfileException with {@link Reason#BAD_REQUEST} for any malformed value
	 */
	public static ProfileRequest parse(ProfileName name, String seconds, String debug, String gc,
			Duration maxDuration) throws ProfileException {
		Optional<Duration> window = Optional.ofNullable(Seconds.parse(seconds, null, maxDuration));
		int debugLevel = smallInteger("debug", debug, 2);
		if (window.isPresent() && debugLevel > 0) {
			// Go's answer: a window is a delta profile, which has no text form.
			throw new ProfileException(Reason.BAD_REQUEST, "seconds and debug params are incompatible");
		}
		boolean runGc = smallInteger("gc", gc, 1) > 0;
		return new ProfileRequest(name, window, debugLevel, runGc);
	}

	/**
	 * Returns the requested window, or {@code defaultValue} when none was asked for.
	 * @param defaultValue the profile's default window
	 * @return the window
	 */
	public Duration secondsOr(Duration defaultValue) {
		return this.seconds.orElse(defaultValue);
	}

	private static int smallInteger(String parameter, String raw, int max) throws ProfileException {
		if (raw == null) {
			return 0;
		}
		if (raw.length() == 1 && raw.charAt(0) >= '0' && raw.charAt(0) <= '0' + max) {
			return raw.charAt(0) - '0';
		}
		throw new ProfileException(Reason.BAD_REQUEST,
				"invalid value for \"" + parameter + "\" - must be an integer from 0 to " + max);
	}

}
