package dev.jvmpprof.actuate;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;

/**
 * Where the pprof endpoint is mapped, read from the actuator so that it follows
 * {@code management.endpoints.web.base-path} and {@code management.endpoints.web.path-mapping.pprof}.
 */
final class PprofPaths {

	static final EndpointId ENDPOINT_ID = EndpointId.of("pprof");

	/** What {@link #profileName} answers for the index asked for with a trailing slash, Go's form of its URL. */
	static final String INDEX_WITH_SLASH = "/";

	private PprofPaths() {
	}

	/**
	 * Returns the endpoint's path within its web application.
	 * @param pathMappedEndpoints the actuator's web endpoints, if any
	 * @return the path, such as {@code /actuator/pprof}, or {@code null} when the endpoint is not on the web
	 */
	static String endpointPath(ObjectProvider<PathMappedEndpoints> pathMappedEndpoints) {
		PathMappedEndpoints endpoints = pathMappedEndpoints.getIfAvailable();
		return (endpoints != null) ? endpoints.getPath(ENDPOINT_ID) : null;
	}

	/**
	 * Returns the profile name of a request path under the endpoint, as the endpoint's {@code @Selector} sees it:
	 * percent-decoded and without path parameters ({@code ;name=value}).
	 * @param endpointPath the endpoint's path
	 * @param path the request's path within its web application, as sent (percent-encoded)
	 * @return the rest of the path under the endpoint: {@code ""} for the index, {@link #INDEX_WITH_SLASH} for the
	 * index with a trailing slash, a name, or a deeper path with a {@code /}; or {@code null} if the path is not the
	 * endpoint's
	 */
	static String profileName(String endpointPath, String path) {
		if (endpointPath == null || !path.startsWith(endpointPath)) {
			return null;
		}
		String rest = path.substring(endpointPath.length());
		if (rest.isEmpty()) {
			return "";
		}
		if (!rest.startsWith("/")) {
			return null;
		}
		if (rest.equals("/")) {
			return INDEX_WITH_SLASH;
		}
		return decode(withoutPathParameters(rest.substring(1)));
	}

	private static String withoutPathParameters(String segments) {
		StringJoiner result = new StringJoiner("/");
		for (String segment : segments.split("/", -1)) {
			int semicolon = segment.indexOf(';');
			result.add((semicolon >= 0) ? segment.substring(0, semicolon) : segment);
		}
		return result.toString();
	}

	private static String decode(String name) {
		try {
			// URLDecoder decodes forms, where '+' is a space; in a path it is a plus.
			return URLDecoder.decode(name.replace("+", "%2B"), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			// Not valid percent-encoding: no profile has such a name, and the raw text says so as well.
			return name;
		}
	}

}
