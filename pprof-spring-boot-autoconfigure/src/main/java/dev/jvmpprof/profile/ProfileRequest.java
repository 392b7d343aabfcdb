package dev.jvmpprof.profile;

import java.time.Duration;
import java.util.Optional;

import dev.jvmpprof.profile.ProfileException.Reason;

/**
 * A request for one profile with its parameters parsed into typed values: nothing a client sends reaches a
 * collector, or a native profiler, as raw text. The filters and the endpoint read requests through {@link #parse}
 * alone, so that they agree on what a request asks for.
 *
 * @param name the profile
 * @param seconds the window asked for with {@code seconds}, if any
 * @param debug the {@code debug} level: 0 for pprof, 1 and 2 for text forms
 * @param gc whether {@code gc} asked for a garbage collection first
 */
public record ProfileRequest(ProfileName name, Optional<Duration> seconds, int debug, boolean gc) {

	/**
	 * Parses a request as Go's handlers read it, only stricter: {@code seconds} is a positive whole number no
	 * longer than the maximum, {@code debug} and {@code gc} single digits.
	 * @param name the profile name from the URL
	 * @param seconds the raw {@code seconds} parameter, or {@code null}
	 * @param debug the raw {@code debug} parameter, or {@code null}
	 * @param gc the raw {@code gc} parameter, or {@code null}
	 * @param maxDuration the longest window allowed
	 * @return the request
	 * @throws ProfileException with {@link Reason#NOT_FOUND} for an unknown name, {@link Reason#BAD_REQUEST} for
	 * any malformed value
	 */
	public static ProfileRequest parse(String name, String seconds, String debug, String gc, Duration maxDuration)
			throws ProfileException {
		ProfileName profile = ProfileName.find(name)
			.orElseThrow(() -> new ProfileException(Reason.NOT_FOUND, ProfileName.UNKNOWN_MESSAGE));
		return parse(profile, seconds, debug, gc, maxDuration);
	}

	/**
	 * Parses the parameters of a request for a known profile.
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
		Optional<Duration> window = Optional.ofNullable((seconds != null) ? seconds(seconds, maxDuration) : null);
		int debugLevel = smallInteger("debug", debug, 2);
		if (window.isPresent() && debugLevel > 0) {
			// Go's answer: a window is a delta profile, which has no text form.
			throw new ProfileException(Reason.BAD_REQUEST, "seconds and debug params are incompatible");
		}
		boolean runGc = smallInteger("gc", gc, 1) > 0;
		return new ProfileRequest(name, window, debugLevel, runGc);
	}

	/**
	 * Returns how long the profile records: {@code seconds}, else the profile's default window, zero for a snapshot.
	 * @return the window
	 */
	public Duration window() {
		return this.seconds.orElse(this.name.kind().defaultWindow());
	}

	/**
	 * Returns whether the answer is text: a text-only profile, or a {@code debug} level the profile has a text form
	 * for.
	 * @return whether the answer is text
	 */
	public boolean text() {
		ProfileKind kind = this.name.kind();
		return kind.answer() == ProfileKind.Answer.TEXT || (this.debug > 0 && kind.textLevels() > 0);
	}

	/**
	 * Returns whether the answer is a gzip'd profile.proto that comes after a window, the only kind whose client is
	 * worth watching while it waits.
	 * @return whether the answer is pprof after a window
	 */
	public boolean pprofAfterWindow() {
		ProfileKind kind = this.name.kind();
		return kind.answer() == ProfileKind.Answer.PPROF && !text()
				&& (kind.windowed() || (kind.delta() && this.seconds.isPresent()));
	}

	/**
	 * Returns the name of the file a browser saves the answer as, Go's names.
	 * @return the file name
	 */
	public String attachmentName() {
		return this.name.attachmentName(this.seconds.isPresent());
	}

	private static Duration seconds(String raw, Duration max) throws ProfileException {
		// Only ASCII digits: Long.parseLong would also take "+5" and non-ASCII digits.
		if (raw.isEmpty() || raw.length() > 18 || !raw.chars().allMatch((c) -> c >= '0' && c <= '9')
				|| Long.parseLong(raw) <= 0) {
			throw new ProfileException(Reason.BAD_REQUEST,
					"invalid value for \"seconds\" - must be a positive integer");
		}
		long seconds = Long.parseLong(raw);
		if (seconds > max.toSeconds()) {
			throw new ProfileException(Reason.BAD_REQUEST, "invalid value for \"seconds\" - must be at most "
					+ max.toSeconds() + " (pprof.max-duration)");
		}
		return Duration.ofSeconds(seconds);
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
