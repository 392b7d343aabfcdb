package dev.jvmpprof.profile;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

import dev.jvmpprof.profile.ProfileException.Reason;

/**
 * Parses requests for profiles and routes each to the source that serves it: the whole of Go's
 * {@code net/http/pprof} routing, without any web framework.
 */
public final class ProfileDispatcher {

	private final Map<ProfileName, ProfileSource> sources = new EnumMap<>(ProfileName.class);

	private final Duration maxDuration;

	/**
	 * Creates a dispatcher.
	 * @param sources the served profiles, one source per name; other known names answer "not implemented"
	 * @param maxDuration the longest window a request may ask for
	 */
	public ProfileDispatcher(Collection<? extends ProfileSource> sources, Duration maxDuration) {
		for (ProfileSource source : sources) {
			if (this.sources.putIfAbsent(source.name(), source) != null) {
				throw new IllegalArgumentException("Two sources serve the " + source.name().value() + " profile");
			}
		}
		if (this.sources.containsKey(ProfileName.GOROUTINE)) {
			this.sources.putIfAbsent(ProfileName.THREADS, this.sources.get(ProfileName.GOROUTINE));
		}
		this.maxDuration = maxDuration;
	}

	/**
	 * Parses a request, with the longest window this dispatcher allows.
	 * @param name the profile name from the URL
	 * @param seconds the raw {@code seconds} parameter, or {@code null}
	 * @param debug the raw {@code debug} parameter, or {@code null}
	 * @param gc the raw {@code gc} parameter, or {@code null}
	 * @return the request
	 * @throws ProfileException if the name is unknown or a parameter malformed
	 */
	public ProfileRequest parse(String name, String seconds, String debug, String gc) throws ProfileException {
		return ProfileRequest.parse(name, seconds, debug, gc, this.maxDuration);
	}

	/**
	 * Serves one request.
	 * @param request the parsed request
	 * @param output where the answer goes
	 * @throws ProfileException if the request cannot be served, with the reason to tell the client
	 * @throws IOException if writing the profile fails
	 * @throws InterruptedException if the request was abandoned while waiting for its window
	 */
	public void serve(ProfileRequest request, ProfileOutput output)
			throws ProfileException, IOException, InterruptedException {
		ProfileSource source = this.sources.get(request.name());
		if (source == null) {
			throw new ProfileException(Reason.NOT_IMPLEMENTED,
					"the " + request.name().value() + " profile is not served by this version yet");
		}
		source.take(request, output);
	}

	/**
	 * Returns whether a profile is served.
	 * @param profile the profile
	 * @return whether requests for it can succeed
	 */
	public boolean serves(ProfileName profile) {
		return this.sources.containsKey(profile);
	}

}
