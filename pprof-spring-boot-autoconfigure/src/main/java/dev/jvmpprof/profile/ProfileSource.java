package dev.jvmpprof.profile;

import java.io.IOException;

/**
 * Answers requests for one profile name; each collector is one, and the endpoint serves every source it is given.
 */
public interface ProfileSource {

	/**
	 * Returns the name this source answers to.
	 * @return the profile name
	 */
	ProfileName name();

	/**
	 * Takes the profile and writes it to {@code output}.
	 * @param request the parsed request
	 * @param output where the answer goes, asked for once the profile is taken
	 * @throws ProfileException if the profile cannot be served, with the reason to tell the client
	 * @throws IOException if writing the profile fails
	 * @throws InterruptedException if the request was abandoned while waiting for its window
	 */
	void take(ProfileRequest request, ProfileOutput output) throws ProfileException, IOException, InterruptedException;

}
