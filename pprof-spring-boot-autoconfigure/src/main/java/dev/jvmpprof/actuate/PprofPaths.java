package dev.jvmpprof.actuate;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;

/**
 * Where the pprof endpoint is mapped, read from the actuator so that it follows
 * {@code management.endpoints.web.base-path} and {@code management.endpoints.web.path-mapping.pprof}.
 */
final class PprofPaths {

	static final EndpointId ENDPOINT_ID = EndpointId.of("pprof");

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
	 * Returns the profile name of a request path under the endpoint.
	 * @param endpointPath the endpoint's path
	 * @param path the request's path within its web application
	 * @return the last segment under the endpoint ({@code ""} for the index), or {@code null} if the path is not
	 * the endpoint's
	 */
	static String profileName(String endpointPath, String path) {
		if (endpointPath == null || !path.startsWith(endpointPath)) {
			return null;
		}
		String rest = path.substring(endpointPath.length());
		if (rest.isEmpty()) {
			return "";
		}
		return rest.startsWith("/") ? rest.substring(1) : null;
	}

}
