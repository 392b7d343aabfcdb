package dev.jvmpprof.actuate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.lang.Nullable;
import org.springframework.util.MimeType;

import dev.jvmpprof.index.IndexPage;
import dev.jvmpprof.profile.ProfileDispatcher;
import dev.jvmpprof.profile.ProfileException;
import dev.jvmpprof.profile.ProfileResponse;

/**
 * Web {@link org.springframework.boot.actuate.endpoint.annotation.Endpoint @Endpoint} that serves Go's
 * {@code net/http/pprof}: an index, and one profile per name at {@code /actuator/pprof/{name}}.
 */
@WebEndpoint(id = "pprof")
public class PprofEndpoint {

	static final MimeType TEXT_PLAIN = MimeType.valueOf("text/plain;charset=utf-8");

	static final MimeType TEXT_HTML = MimeType.valueOf("text/html;charset=utf-8");

	static final MimeType OCTET_STREAM = MimeType.valueOf("application/octet-stream");

	private final ProfileDispatcher dispatcher;

	private final IndexPage index;

	public PprofEndpoint(ProfileDispatcher dispatcher, IndexPage index) {
		this.dispatcher = dispatcher;
		this.index = index;
	}

	@ReadOperation(producesFrom = IndexFormat.class)
	public WebEndpointResponse<Object> index(IndexFormat format) {
		if (format == IndexFormat.HTML) {
			return new WebEndpointResponse<>(this.index.toHtml(), WebEndpointResponse.STATUS_OK, TEXT_HTML);
		}
		return new WebEndpointResponse<>(this.index.toMap(), format);
	}

	// Parameters are Strings so that a malformed value reaches us and gets Go's answer, not the actuator's JSON 400.
	// Spring's own @Nullable marks them optional on Boot 3.5 (which looks for that type) and on Boot 4 (which takes
	// any annotation named Nullable); JSpecify's is not on Boot 3.5's classpath and would leave them mandatory there.
	@SuppressWarnings("deprecation")
	@ReadOperation(produces = { "application/octet-stream", "text/plain", "text/html", "application/json", "*/*" })
	public WebEndpointResponse<Object> profile(@Selector String name, @Nullable String seconds,
			@Nullable String debug, @Nullable String gc) {
		try {
			return ok(this.dispatcher.serve(name, seconds, debug, gc));
		}
		catch (ProfileException ex) {
			return error(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return error(WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE, "the profile was interrupted");
		}
		catch (IOException ex) {
			return error(WebEndpointResponse.STATUS_INTERNAL_SERVER_ERROR,
					"could not write the profile: " + ex.getMessage());
		}
	}

	private static WebEndpointResponse<Object> ok(ProfileResponse response) {
		if (response.format() == ProfileResponse.Format.TEXT) {
			return new WebEndpointResponse<>(new String(response.body(), StandardCharsets.UTF_8),
					WebEndpointResponse.STATUS_OK, TEXT_PLAIN);
		}
		return new WebEndpointResponse<>(new ByteArrayResource(response.body()), WebEndpointResponse.STATUS_OK,
				OCTET_STREAM);
	}

	private static WebEndpointResponse<Object> error(ProfileException ex) {
		int status = switch (ex.getReason()) {
			case BAD_REQUEST -> WebEndpointResponse.STATUS_BAD_REQUEST;
			case NOT_FOUND -> WebEndpointResponse.STATUS_NOT_FOUND;
			case BUSY -> WebEndpointResponse.STATUS_TOO_MANY_REQUESTS;
			case UNAVAILABLE -> WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE;
			case NOT_IMPLEMENTED -> 501;
		};
		return error(status, ex.getMessage());
	}

	private static WebEndpointResponse<Object> error(int status, String message) {
		// One line, as Go's http.Error writes it, so that go tool pprof prints it after the status.
		return new WebEndpointResponse<>(message + "\n", status, TEXT_PLAIN);
	}

}
