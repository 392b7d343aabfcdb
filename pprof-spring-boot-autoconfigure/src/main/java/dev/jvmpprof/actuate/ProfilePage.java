package dev.jvmpprof.actuate;

import java.util.Map;

import dev.jvmpprof.profile.ProfileName;
import dev.jvmpprof.view.ProfileView;

/**
 * The page a browser gets for a profile, which the filters answer before the endpoint runs, on the server and under
 * the path where the endpoint answers; every other client gets the endpoint's answer, unchanged.
 */
final class ProfilePage {

	/**
	 * The page's headers besides the filters' own. The same URL answers a page or a profile by the {@code Accept}
	 * header, which {@code Vary} tells caches; the page is never worth keeping.
	 */
	static final Map<String, String> HEADERS = Map.of("Content-Type", PprofEndpoint.TEXT_HTML.toString(),
			"Content-Security-Policy", ProfileView.CONTENT_SECURITY_POLICY, "Cache-Control", "no-store", "Vary",
			"Accept");

	private ProfilePage() {
	}

	/**
	 * Returns whether the answers at a path depend on the {@code Accept} header, which every answer there must tell
	 * caches with {@code Vary: Accept}: a profile with a page, and the index (HTML or JSON).
	 * @param profileName the profile name from the path, empty for the index
	 * @return whether to add {@code Vary: Accept}
	 */
	static boolean variesByAccept(String profileName) {
		return profileName.isEmpty() || ProfileName.find(profileName).filter((name) -> name.kind().page()).isPresent();
	}

	/**
	 * Returns the page for a request, or {@code null} when the endpoint answers it.
	 * @param request the request
	 * @param query the raw query string, or {@code null}
	 * @param endpointPath the endpoint's path, such as {@code /actuator/pprof}
	 * @return the HTML, or {@code null}
	 */
	static String html(PprofRequest request, String query, String endpointPath) {
		if (!request.wantsPage() || request.name() == null) {
			return null;
		}
		return ProfileView.of(request.name(), request.profile(), query)
			.map((view) -> view.toHtml(indexHref(endpointPath)))
			.orElse(null);
	}

	/** The index relative to a profile's URL, so that it holds under any prefix the endpoint's path leaves out. */
	private static String indexHref(String endpointPath) {
		String last = endpointPath.substring(endpointPath.lastIndexOf('/') + 1);
		return last.isEmpty() ? endpointPath : "../" + last;
	}

}
