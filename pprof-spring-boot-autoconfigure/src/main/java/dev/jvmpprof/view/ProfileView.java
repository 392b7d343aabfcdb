package dev.jvmpprof.view;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import dev.jvmpprof.profile.ProfileKind;
import dev.jvmpprof.profile.ProfileName;
import dev.jvmpprof.profile.ProfileRequest;

/**
 * The page a browser gets for a profile: it shows that the profile is being recorded and for how long, then the
 * profile as a flame graph with a top table, read from the very same URL by the page's own script.
 * <p>
 * The page takes the profile itself, with a request that does not ask for HTML, rather than the server embedding it:
 * the server answers the page at once, the window runs while the page shows its progress, and the bytes the page
 * decodes are the ones its download link saves. Everything the page needs is in it; it loads nothing else.
 */
public final class ProfileView {

	private static final String TEMPLATE = resource("profile-view.html");

	private static final String STYLE = resource("profile-view.css");

	private static final String SCRIPT = resource("profile-view.js");

	/**
	 * The page's {@code Content-Security-Policy}: its own script and style only, requests to its own origin, where it
	 * reads the profile, and no framing by other sites. The script and style are the same for every page, so their
	 * hashes stand for them; the request's values travel in a JSON data block, which is never run.
	 */
	public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src '" + sha256(SCRIPT)
			+ "'; style-src '" + sha256(STYLE) + "'; connect-src 'self'; img-src data:; base-uri 'none'; "
			+ "form-action 'none'; frame-ancestors 'self'";

	private final ProfileName profile;

	private final String query;

	private final Duration window;

	private ProfileView(ProfileName profile, String query, Duration window) {
		this.profile = profile;
		this.query = query;
		this.window = window;
	}

	/**
	 * Returns the page for a request to a profile, if the request gets one: every profile with a binary answer has
	 * one, unless {@code debug} asks for its text.
	 * @param profile the profile
	 * @param request the parsed request, or {@code null} where the endpoint refuses it: the page then shows no
	 * window, and the endpoint's sentence as soon as its own request gets it
	 * @param query the request's query string as sent, or {@code null}
	 * @return the page, or empty where the answer stays the endpoint's
	 */
	public static Optional<ProfileView> of(ProfileName profile, ProfileRequest request, String query) {
		if (!profile.kind().page() || (request != null && request.text())) {
			return Optional.empty();
		}
		Duration window = (request != null) ? request.window() : Duration.ZERO;
		return Optional.of(new ProfileView(profile, (query != null) ? query : "", window));
	}

	/**
	 * Returns how long the page shows the profile recording, zero for a profile taken at once.
	 * @return the window
	 */
	Duration window() {
		return this.window;
	}

	/**
	 * Renders the page.
	 * @param indexHref the index's URL relative to the profile's, such as {@code ../pprof}
	 * @return the HTML
	 */
	public String toHtml(String indexHref) {
		String format = (this.profile.kind().answer() == ProfileKind.Answer.JFR) ? "jfr" : "pprof";
		String data = "{\"profile\":" + Escape.json(this.profile.value()) + ",\"query\":" + Escape.json(this.query)
				+ ",\"windowSeconds\":" + this.window.toSeconds() + ",\"format\":" + Escape.json(format) + ",\"index\":"
				+ Escape.json(indexHref) + ",\"description\":" + Escape.json(this.profile.description()) + "}";
		String title = this.profile.value() + (this.query.isEmpty() ? "" : "?" + this.query);
		return fill(TEMPLATE, Map.of("title", Escape.html(title), "style", STYLE, "data", data, "script", SCRIPT));
	}

	/** Fills the template's {@code {{name}}} slots in one pass, so that a value never fills a slot of its own. */
	private static String fill(String template, Map<String, String> values) {
		StringBuilder page = new StringBuilder(template.length() + 64 * 1024);
		int from = 0;
		for (int open = template.indexOf("{{"); open >= 0; open = template.indexOf("{{", from)) {
			int close = template.indexOf("}}", open);
			String value = values.get(template.substring(open + 2, close));
			if (value == null) {
				throw new IllegalStateException("no value for " + template.substring(open, close + 2));
			}
			page.append(template, from, open).append(value);
			from = close + 2;
		}
		return page.append(template, from, template.length()).toString();
	}

	private static String resource(String name) {
		try (InputStream in = ProfileView.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalStateException("missing resource " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String sha256(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return "sha256-" + Base64.getEncoder().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Escapes text for the two places the page holds request values: HTML text and a JSON data block. */
	static final class Escape {

		private Escape() {
		}

		static String html(String text) {
			return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
				.replace("'", "&#39;");
		}

		/** A JSON string that also cannot end its {@code <script>} element or open a comment in it. */
		static String json(String text) {
			StringBuilder json = new StringBuilder(text.length() + 2).append('"');
			for (int i = 0; i < text.length(); i++) {
				char c = text.charAt(i);
				switch (c) {
					case '"' -> json.append("\\\"");
					case '\\' -> json.append("\\\\");
					default -> {
						if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
							json.append(String.format("\\u%04x", (int) c));
						}
						else {
							json.append(c);
						}
					}
				}
			}
			return json.append('"').toString();
		}

	}

}
