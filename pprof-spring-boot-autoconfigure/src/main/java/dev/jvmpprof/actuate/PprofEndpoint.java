package dev.jvmpprof.actuate;

import java.io.IOException;

import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.lang.Nullable;
import org.springframework.util.MimeType;

import dev.jvmpprof.index.IndexPage;
import dev.jvmpprof.profile.ProfileDispatcher;
import dev.jvmpprof.profile.ProfileException;

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
		SpooledAnswer answer = new SpooledAnswer();
		try {
			this.dispatcher.serve(this.dispatcher.parse(name, seconds, debug, gc), answer);
			return answer.toResponse();
		}
		catch (ProfileException | IOException | InterruptedException ex) {
			answer.discard();
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			PprofHttpConventions.Answer error = PprofHttpConventions.failure(ex);
			return new WebEndpointResponse<>(error.body(), error.status(), TEXT_PLAIN);
		}
		catch (RuntimeException ex) {
			answer.discard();
			throw ex;
		}
	}

}
