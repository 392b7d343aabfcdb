package dev.jvmpprof.actuate;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.jvmpprof.profile.ProfileDispatcher;

/**
 * Applies {@link PprofHttpConventions} to the pprof endpoint's requests on a reactive server.
 */
class PprofWebFilter implements WebFilter, Ordered {

	private final Supplier<String> endpointPath;

	private final Supplier<ProfileDispatcher> dispatcher;

	PprofWebFilter(Supplier<String> endpointPath, Supplier<ProfileDispatcher> dispatcher) {
		this.endpointPath = endpointPath;
		this.dispatcher = dispatcher;
	}

	@Override
	public int getOrder() {
		// After Spring Security's filter chain (-100), so that its rules apply to every pprof request.
		return 0;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String path = exchange.getRequest().getPath().pathWithinApplication().value();
		String profileName = PprofPaths.profileName(this.endpointPath.get(), path);
		if (profileName == null) {
			return chain.filter(exchange);
		}
		ServerHttpResponse response = exchange.getResponse();
		response.getHeaders().set(PprofHttpConventions.NOSNIFF_HEADER, "nosniff");
		response.getHeaders().set(PprofHttpConventions.GO_PPROF_HEADER, "1");
		if (ProfilePage.variesByAccept(profileName)) {
			response.getHeaders().set(HttpHeaders.VARY, "Accept");
		}
		PprofHttpConventions.Answer answer = PprofHttpConventions.answerBeforeEndpoint(
				exchange.getRequest().getMethod().name(), profileName,
				exchange.getRequest().getPath().contextPath().value() + this.endpointPath.get());
		if (answer != null) {
			return write(exchange, answer);
		}
		PprofRequest pprof = PprofRequest.read(this.dispatcher.get(), profileName,
				exchange.getRequest().getMethod().name(), exchange.getRequest().getQueryParams()::getFirst,
				(name) -> header(exchange, name));
		String page = ProfilePage.html(pprof, exchange.getRequest().getURI().getRawQuery(), this.endpointPath.get());
		if (page != null) {
			ProfilePage.HEADERS.forEach(response.getHeaders()::set);
			return writeAfterRequestBody(exchange, page.getBytes(StandardCharsets.UTF_8));
		}
		if (pprof.profile() != null) {
			String disposition = PprofHttpConventions.contentDisposition(pprof.profile());
			response.beforeCommit(() -> {
				HttpHeaders headers = response.getHeaders();
				HttpStatusCode status = response.getStatusCode();
				MediaType contentType = headers.getContentType();
				if (PprofHttpConventions.isDownload((status != null) ? status.value() : 200,
						(contentType != null) ? contentType.toString() : null)) {
					headers.set(PprofHttpConventions.CONTENT_DISPOSITION, disposition);
				}
				return Mono.empty();
			});
		}
		// No ranges: see PprofHttpConventions.RANGE.
		ServerWebExchange wholeAnswer = exchange.mutate()
			.request((request) -> request.header(PprofHttpConventions.RANGE))
			.build();
		// Errors WebFlux itself raises before the endpoint runs (a 406 for an Accept header nothing matches, a 415
		// for a body on a read) get Go's form instead of the error handler's JSON.
		return chain.filter(wholeAnswer).onErrorResume(ResponseStatusException.class, (ex) -> {
			PprofHttpConventions.Answer error = PprofHttpConventions.frameworkError(ex.getStatusCode().value());
			return (error != null && !response.isCommitted()) ? write(exchange, error) : Mono.error(ex);
		});
	}

	private static String header(ServerWebExchange exchange, String name) {
		// getValuesAsList, not get: HttpHeaders is a Map in Spring Framework 6 and not in 7, so get(String) is a
		// different method in each, and one compiled against 7 fails on 6 (Boot 3.5).
		List<String> values = exchange.getRequest().getHeaders().getValuesAsList(name);
		return values.isEmpty() ? null : String.join(",", values);
	}

	private static Mono<Void> write(ServerWebExchange exchange, PprofHttpConventions.Answer answer) {
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatus.valueOf(answer.status()));
		if (answer.location() != null) {
			response.getHeaders().set(HttpHeaders.LOCATION, answer.location());
		}
		response.getHeaders().setContentType(MediaType.parseMediaType(PprofEndpoint.TEXT_PLAIN.toString()));
		return writeAfterRequestBody(exchange, answer.body().getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Answers without the endpoint, after reading the request's body (if the framework has not), GETs' too: a
	 * keep-alive connection whose request was left unread can stop being read, and the next request on it hangs.
	 */
	private static Mono<Void> writeAfterRequestBody(ServerWebExchange exchange, byte[] body) {
		ServerHttpResponse response = exchange.getResponse();
		return exchange.getRequest()
			.getBody()
			.doOnNext(DataBufferUtils::release)
			.onErrorComplete()
			.then(Mono.defer(() -> response.writeWith(Mono.just(response.bufferFactory().wrap(body)))));
	}

}
