package dev.jvmpprof.actuate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.function.Supplier;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.web.filter.OncePerRequestFilter;

import dev.jvmpprof.profile.ProfileDispatcher;

/**
 * Applies {@link PprofHttpConventions} to the pprof endpoint's requests on a servlet server.
 */
class PprofServletFilter extends OncePerRequestFilter {

	private final Supplier<String> endpointPath;

	private final Supplier<ProfileDispatcher> dispatcher;

	PprofServletFilter(Supplier<String> endpointPath, Supplier<ProfileDispatcher> dispatcher) {
		this.endpointPath = endpointPath;
		this.dispatcher = dispatcher;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return profileName(request) == null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String profileName = profileName(request);
		response.setHeader(PprofHttpConventions.NOSNIFF_HEADER, "nosniff");
		response.setHeader(PprofHttpConventions.GO_PPROF_HEADER, "1");
		if (ProfilePage.variesByAccept(profileName)) {
			response.setHeader("Vary", "Accept");
		}
		PprofHttpConventions.Answer answer = PprofHttpConventions.answerBeforeEndpoint(request.getMethod(),
				profileName, request.getContextPath() + this.endpointPath.get());
		if (answer != null) {
			write(response, answer);
			return;
		}
		PprofRequest pprof;
		try {
			pprof = PprofRequest.read(this.dispatcher.get(), profileName, request.getMethod(),
					request::getParameter, (name) -> header(request, name));
		}
		catch (IllegalStateException | IllegalArgumentException ex) {
			// Tomcat reports a query it cannot decode only now; left alone, the error page would be JSON.
			write(response, PprofHttpConventions.malformedQuery());
			return;
		}
		String page = ProfilePage.html(pprof, request.getQueryString(), this.endpointPath.get());
		if (page != null) {
			ProfilePage.HEADERS.forEach(response::setHeader);
			response.getOutputStream().write(page.getBytes(StandardCharsets.UTF_8));
			return;
		}
		HttpServletRequest wholeAnswer = new WithoutRange(request);
		HttpServletResponse goErrors = new GoErrorResponse(response);
		if (pprof.profile() == null) {
			chain.doFilter(wholeAnswer, goErrors);
			return;
		}
		String disposition = PprofHttpConventions.contentDisposition(pprof.profile());
		if (!pprof.profile().pprofAfterWindow()) {
			chain.doFilter(wholeAnswer, new DownloadResponse(goErrors, disposition));
			return;
		}
		try (ClientWatch watch = new ClientWatch(new DownloadResponse(goErrors, disposition), disposition)) {
			chain.doFilter(wholeAnswer, watch);
		}
	}

	private static void write(HttpServletResponse response, PprofHttpConventions.Answer answer) throws IOException {
		response.setStatus(answer.status());
		if (answer.location() != null) {
			response.setHeader("Location", answer.location());
		}
		response.setContentType(PprofEndpoint.TEXT_PLAIN.toString());
		response.getOutputStream().write(answer.body().getBytes(StandardCharsets.UTF_8));
	}

	private static String header(HttpServletRequest request, String name) {
		List<String> values = Collections.list(request.getHeaders(name));
		return values.isEmpty() ? null : String.join(",", values);
	}

	private String profileName(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return PprofPaths.profileName(this.endpointPath.get(), path);
	}

	/** A request without its {@code Range} header, which {@link PprofHttpConventions#RANGE} says pprof ignores. */
	private static final class WithoutRange extends HttpServletRequestWrapper {

		WithoutRange(HttpServletRequest request) {
			super(request);
		}

		@Override
		public String getHeader(String name) {
			return PprofHttpConventions.RANGE.equalsIgnoreCase(name) ? null : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return PprofHttpConventions.RANGE.equalsIgnoreCase(name) ? Collections.emptyEnumeration()
					: super.getHeaders(name);
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			List<String> names = Collections.list(super.getHeaderNames());
			names.removeIf(PprofHttpConventions.RANGE::equalsIgnoreCase);
			return Collections.enumeration(names);
		}

	}

	/**
	 * Answers the errors Spring MVC itself raises on pprof paths (a 406 for an {@code Accept} header nothing matches,
	 * a 415 for a body on a read) in Go's form, instead of the error page's JSON.
	 */
	private static final class GoErrorResponse extends HttpServletResponseWrapper {

		GoErrorResponse(HttpServletResponse response) {
			super(response);
		}

		@Override
		public void sendError(int status) throws IOException {
			sendError(status, null);
		}

		@Override
		public void sendError(int status, String message) throws IOException {
			PprofHttpConventions.Answer answer = PprofHttpConventions.frameworkError(status);
			if (answer == null || isCommitted()) {
				super.sendError(status, message);
				return;
			}
			resetBuffer();
			write((HttpServletResponse) getResponse(), answer);
		}

	}

	/** Adds the disposition once the answer turns out to be a successful download. */
	private static final class DownloadResponse extends HttpServletResponseWrapper {

		private final String disposition;

		DownloadResponse(HttpServletResponse response, String disposition) {
			super(response);
			this.disposition = disposition;
		}

		@Override
		public void setContentType(String type) {
			super.setContentType(type);
			addDispositionIfDownload(type);
		}

		@Override
		public void setHeader(String name, String value) {
			super.setHeader(name, value);
			if ("Content-Type".equalsIgnoreCase(name)) {
				addDispositionIfDownload(value);
			}
		}

		@Override
		public void addHeader(String name, String value) {
			super.addHeader(name, value);
			if ("Content-Type".equalsIgnoreCase(name)) {
				addDispositionIfDownload(value);
			}
		}

		private void addDispositionIfDownload(String contentType) {
			if (PprofHttpConventions.isDownload(getStatus(), contentType)) {
				super.setHeader(PprofHttpConventions.CONTENT_DISPOSITION, this.disposition);
			}
		}

	}

}
