package dev.jvmpprof.profile;

import java.time.Duration;

/**
 * Parses the {@code seconds} parameter the way Go's handlers read it, only stricter: a positive whole number of
 * seconds no longer than the configured maximum, or a 400 that says why.
 */
public final class Seconds {

	private Seconds() {
	}

	/**
	 * Parses {@code raw}, falling back to {@code defaultValue} when the parameter is absent.
	 * @param raw the parameter as sent, or {@code null}
	 * @param defaultValue the duration when the parameter is absent
	 * @param max the longest duration allowed
	 * @return the duration
	 * @throws ProfileException if the value is not a positive integer or exceeds {@code max}
	 */
	public static Duration parse(String raw, Duration defaultValue, Duration max) throws ProfileException {
		if (raw == null) {
			return defaultValue;
		}
		long seconds = parsePositive(raw);
		if (seconds > max.toSeconds()) {
			throw new ProfileException(ProfileException.Reason.BAD_REQUEST, "invalid value for \"seconds\" - "
					+ "must be at most " + max.toSeconds() + " (pprof.max-duration)");
		}
		return Duration.ofSeconds(seconds);
	}

	private static long parsePositive(String raw) throws ProfileException {
		// Only ASCII digits: Long.parseLong would also take "+5" and non-ASCII digits.
		if (raw.isEmpty() || raw.length() > 18 || !raw.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			throw invalid();
		}
		long seconds = Long.parseLong(raw);
		if (seconds <= 0) {
			throw invalid();
		}
		return seconds;
	}

	private static ProfileException invalid() {
		return new ProfileException(ProfileException.Reason.BAD_REQUEST,
				"invalid value for \"seconds\" - must be a positive integer");
	}

}
