package dev.jvmpprof.actuate;

import java.util.function.UnaryOperator;

import dev.jvmpprof.profile.ProfileDispatcher;
import dev.jvmpprof.profile.ProfileException;
import dev.jvmpprof.profile.ProfileName;
import dev.jvmpprof.profile.ProfileRequest;
import dev.jvmpprof.view.BrowserRequest;

/**
 * A request to the endpoint as both filters read it, once: its parameters parsed as the endpoint parses them, and
 * whether a browser navigates to it.
 *
 * @param name the profile, or {@code null} where the path names none
 * @param profile the parsed request, or {@code null} where the endpoint refuses it (and says why)
 * @param wantsPage whether a browser asks for a page to display
 */
record PprofRequest(ProfileName name, ProfileRequest profile, boolean wantsPage) {

	/**
	 * Reads a request.
	 * @param dispatcher the endpoint's dispatcher, whose parsing the request gets
	 * @param profileName the profile name from the path
	 * @param method the request method
	 * @param parameter the decoded query parameters by name, {@code null} where absent
	 * @param header the header values by name, several joined with commas, {@code null} where absent
	 * @return the request
	 */
	static PprofRequest read(ProfileDispatcher dispatcher, String profileName, String method,
			UnaryOperator<String> parameter, UnaryOperator<String> header) {
		ProfileRequest profile;
		try {
			profile = dispatcher.parse(profileName, parameter.apply("seconds"), parameter.apply("debug"),
					parameter.apply("gc"));
		}
		catch (ProfileException ex) {
			// The endpoint refuses it with the same sentence.
			profile = null;
		}
		boolean page = "GET".equals(method)
				&& BrowserRequest.wantsPage(header.apply("Accept"), header.apply("Sec-Fetch-Dest"));
		return new PprofRequest(ProfileName.find(profileName).orElse(null), profile, page);
	}

}
