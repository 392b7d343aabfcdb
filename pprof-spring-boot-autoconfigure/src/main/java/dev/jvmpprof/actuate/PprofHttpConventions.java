package dev.jvmpprof.actuate;

import org.springframework.http.HttpStatus;

import dev.jvmpprof.profile.ProfileException;
import dev.jvmpprof.profile.ProfileName;
import dev.jvmpprof.profile.ProfileRequest;
import dev.jvmpprof.symbol.SymbolSource;

/**
 * What Go's handlers do at the HTTP level that an actuator operation cannot: {@code X-Content-Type-Options} on
 * every answer, {@code X-Go-Pprof} so that {@code go tool pprof} prints our error sentences,
 * {@code Content-Disposition} on profiles with Go's file names, and Go's kind of answer to what the endpoint never
 * sees: other methods than GET, deeper paths, undecodable queries and the web framework's own client errors. Every
 * error, the endpoint's too, is answered here in Go's form: a status and one line of text.
 */
final class PprofHttpConventions {

	static final String NOSNIFF_HEADER = "X-Content-Type-Options";

	static final String GO_PPROF_HEADER = "X-Go-Pprof";

	static final String CONTENT_DISPOSITION = "Content-Disposition";

	/**
	 * The header a client resumes a download with, which pprof requests go without, as Go's handlers ignore it: a
	 * profile is taken anew for every request, so a range of one answer never continues another.
	 */
	static final String RANGE = "Range";

	private PprofHttpConventions() {
	}

	/**
	 * Returns the {@code Content-Disposition} of a request's binary answer.
	 * @param request the request
	 * @return the header value
	 */
	static String contentDisposition(ProfileRequest request) {
		return "attachment; filename=\"" + request.attachmentName() + "\"";
	}

	/**
	 * Returns whether an answer is a profile download, the only kind that gets a {@code Content-Disposition}.
	 * @param status the response status
	 * @param contentType the response content type, or {@code null}
	 * @return whether it is a successful binary answer
	 */
	static boolean isDownload(int status, String contentType) {
		return status == 200 && contentType != null && contentType.startsWith("application/octet-stream");
	}

	/**
	 * Answers the requests that the endpoint's operations never see, or would answer with the actuator's JSON
	 * instead of Go's text. Go's client looks symbols up with a {@code POST} of {@code application/octet-stream}, a
	 * body actuator write operations (JSON only) cannot take; our profiles carry their symbols, so the answer is
	 * Go's first line alone, as for unknown addresses. Any other write, and a path deeper than a profile name, gets
	 * Go's kind of error.
	 * @param method the request method
	 * @param profileName the profile name from the path, as {@link PprofPaths#profileName} gives it
	 * @param indexPath the index's path on the server, for the redirect from Go's form of the index URL
	 * @return the answer, or {@code null} to let the endpoint answer
	 */
	static Answer answerBeforeEndpoint(String method, String profileName, String indexPath) {
		boolean read = "GET".equals(method) || "HEAD".equals(method);
		if (PprofPaths.INDEX_WITH_SLASH.equals(profileName)) {
			// Go serves its index at /debug/pprof/ and its users type it so; ours has no trailing slash.
			return read ? new Answer(301, "the pprof index is at " + indexPath + "\n", indexPath)
					: new Answer(405, "the pprof index is read with GET\n");
		}
		if (profileName.indexOf('/') >= 0) {
			return unknownProfile();
		}
		if (read || "OPTIONS".equals(method)) {
			return null;
		}
		if (ProfileName.SYMBOL.value().equals(profileName) && "POST".equals(method)) {
			return new Answer(200, SymbolSource.TABLE);
		}
		if (!profileName.isEmpty() && ProfileName.find(profileName).isEmpty()) {
			return unknownProfile();
		}
		String what = profileName.isEmpty() ? "the pprof index" : "the " + profileName + " profile";
		return new Answer(405, what + " is read with GET\n");
	}

	/**
	 * Returns the answer to a query string that the server cannot decode, which it reports only when the parameters
	 * are first read.
	 * @return the answer
	 */
	static Answer malformedQuery() {
		return new Answer(400, "invalid query - parameters must be percent-encoded UTF-8\n");
	}

	/**
	 * Returns Go's form of an error that the web framework raised before the endpoint ran, where Go's handlers would
	 * have answered or ignored what the framework refused: an {@code Accept} header that nothing matches, a body or
	 * content type on a read.
	 * @param status the framework's status
	 * @return the answer, or {@code null} to leave a status other than a client error to the framework
	 */
	static Answer frameworkError(int status) {
		return switch (status) {
			case 404 -> unknownProfile();
			case 405 -> new Answer(405, "the pprof endpoint is read with GET\n");
			case 406 -> new Answer(406, "no answer matches the Accept header (the index is text/html or application/json)\n");
			case 415 -> new Answer(415, "a pprof request takes no body\n");
			default -> (status >= 400 && status < 500) ? new Answer(status, reason(status) + "\n") : null;
		};
	}

	/**
	 * Returns Go's answer to a request that failed: the status its reason calls for and its one sentence.
	 * @param failure why the profile could not be served: a {@link ProfileException}, an interrupted window or a
	 * failed write
	 * @return the answer
	 */
	static Answer failure(Exception failure) {
		if (failure instanceof ProfileException refused) {
			int status = switch (refused.getReason()) {
				case BAD_REQUEST -> 400;
				case NOT_FOUND -> 404;
				case BUSY -> 429;
				case UNAVAILABLE -> 503;
				case NOT_IMPLEMENTED -> 501;
			};
			return new Answer(status, refused.getMessage() + "\n");
		}
		if (failure instanceof InterruptedException) {
			return new Answer(503, "the profile was interrupted\n");
		}
		return new Answer(500, "could not write the profile: " + failure.getMessage() + "\n");
	}

	private static Answer unknownProfile() {
		return failure(new ProfileException(ProfileException.Reason.NOT_FOUND, ProfileName.UNKNOWN_MESSAGE));
	}

	private static String reason(int status) {
		HttpStatus known = HttpStatus.resolve(status);
		return (known != null) ? known.getReasonPhrase() : "Bad Request";
	}

	/**
	 * An answer given without the endpoint: a status, a text body and, for a redirect, where to.
	 *
	 * @param status the HTTP status
	 * @param body the text
	 * @param location the {@code Location} of a redirect, or {@code null}
	 */
	record Answer(int status, String body, String location) {

		Answer(int status, String body) {
			this(status, body, null);
		}

	}

}
