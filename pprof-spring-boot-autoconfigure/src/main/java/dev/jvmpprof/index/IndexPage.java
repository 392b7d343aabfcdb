package dev.jvmpprof.index;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import dev.jvmpprof.profile.ProfileKind;
import dev.jvmpprof.profile.ProfileName;

/**
 * The endpoint's index, like Go's {@code /debug/pprof/} page: every profile with its count where one exists, a link,
 * a description and how to read it with {@code go tool pprof}; as HTML for browsers and as a map for API clients.
 */
public final class IndexPage {

	/**
	 * Puts the URL the browser used into each command line, which is the URL that reaches this server from where the
	 * reader is (the endpoint knows neither its host behind a proxy nor its scheme), and copies a line on a click.
	 */
	private static final String COMMAND_LINE_SCRIPT = """
			for (const code of document.querySelectorAll('code.command')) {
				code.textContent = 'go tool pprof -http=: ' + new URL(code.dataset.href, location.href).href;
				code.nextElementSibling.addEventListener('click', () => {
					if (navigator.clipboard && window.isSecureContext) {
						navigator.clipboard.writeText(code.textContent);
					}
					else {
						getSelection().selectAllChildren(code);
						document.execCommand('copy');
					}
				});
			}
			""";

	private final Predicate<ProfileName> served;

	private final Supplier<String> endpointPath;

	/**
	 * Creates the index.
	 * @param served whether a profile is served by this version
	 * @param endpointPath the endpoint's path on its server, such as {@code /actuator/pprof}
	 */
	public IndexPage(Predicate<ProfileName> served, Supplier<String> endpointPath) {
		this.served = served;
		this.endpointPath = endpointPath;
	}

	/**
	 * Returns the index for API clients.
	 * @return the profiles and how to use them
	 */
	public Map<String, Object> toMap() {
		String path = this.endpointPath.get();
		List<Map<String, Object>> profiles = new ArrayList<>();
		for (ProfileName profile : ProfileName.values()) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("name", profile.value());
			entry.put("href", path + "/" + profile.value());
			entry.put("description", profile.description());
			entry.put("served", this.served.test(profile));
			Long count = count(profile);
			if (count != null) {
				entry.put("count", count);
			}
			profiles.add(entry);
		}
		Map<String, Object> index = new LinkedHashMap<>();
		index.put("profiles", profiles);
		index.put("usage", "go tool pprof http://HOST:PORT" + path + "/profile");
		return index;
	}

	/**
	 * Returns the index for browsers.
	 * @return the HTML page
	 */
	public String toHtml() {
		String path = this.endpointPath.get();
		StringBuilder html = new StringBuilder(4096);
		html.append("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>")
			.append(escape(path))
			.append("</title>\n<style>\nbody{font-family:sans-serif}\n")
			.append("td{padding:0 1rem 0 0}\n.profile-name{display:inline-block;width:7rem}\n")
			.append("code{background:#f4f4f4}\n.copy{font-size:smaller;margin-left:.5rem}\n</style>\n</head>\n<body>\n")
			.append(escape(path))
			.append("<br>\n<br>\nTypes of profiles available:\n<table>\n")
			.append("<thead><td>Count</td><td>Profile</td><td>View</td><td>Download</td><td>Command line</td></thead>\n");
		for (ProfileName profile : ProfileName.values()) {
			Long count = count(profile);
			html.append("<tr><td>").append((count != null) ? count : "").append("</td><td>");
			if (this.served.test(profile)) {
				html.append("<a href='").append(escape(link(path, profile))).append("'>").append(profile.value())
					.append("</a>");
			}
			else {
				html.append(profile.value()).append(" (not served yet)");
			}
			html.append("</td>");
			appendViewCells(html, path, profile);
			html.append("</tr>\n");
		}
		html.append("</table>\n");
		if (this.served.test(ProfileName.GOROUTINE)) {
			// Go's index links its full stack dump here too.
			html.append("<a href='").append(escape(relative(path))).append("/goroutine?debug=2'>full thread stack dump</a>\n<br>\n");
		}
		html.append("<p>\nProfile Descriptions:\n<ul>\n");
		for (ProfileName profile : ProfileName.values()) {
			html.append("<li><div class=profile-name>").append(profile.value()).append(": </div> ")
				.append(escape(profile.description())).append("</li>\n");
		}
		html.append("</ul>\n</p>\n<p>\nRead a profile with Go's pprof:\n<pre><code>")
			.append("go tool pprof -http=: http://HOST:PORT").append(escape(path)).append("/profile?seconds=30\n")
			.append("go tool pprof -top http://HOST:PORT").append(escape(path)).append("/profile?seconds=10")
			.append("</code></pre>\n</p>\n<script>\n").append(COMMAND_LINE_SCRIPT).append("</script>\n</body>\n</html>\n");
		return html.toString();
	}

	/**
	 * Appends a profile's page link, a link that saves the profile, and the {@code go tool pprof} command line that
	 * reads it. A link with a {@code download} attribute asks for a file, not a page: Chromium requests it with no
	 * {@code Accept} header and {@code Sec-Fetch-Dest: empty}, either of which gets the profile's bytes.
	 */
	private void appendViewCells(StringBuilder html, String path, ProfileName profile) {
		if (!this.served.test(profile) || !profile.kind().page()) {
			html.append("<td></td><td></td><td></td>");
			return;
		}
		// Without parameters: the profiles with a window take their default one, which the page shows.
		String href = escape(relative(path) + "/" + profile.value());
		html.append("<td><a class=view href='").append(href).append("'>")
			.append(pprof(profile) ? "flame graph" : "recording")
			.append("</a></td><td><a class=download download href='").append(href).append("'>")
			.append(profile.attachmentName(false))
			.append("</a></td><td>");
		if (pprof(profile)) {
			// The absolute URL is the one this page was loaded from, which the script puts in.
			html.append("<code class=command data-href='").append(href).append("'>go tool pprof -http=: ")
				.append("http://HOST:PORT").append(escape(path)).append("/").append(profile.value())
				.append("</code><button class=copy type=button>copy</button>");
		}
		html.append("</td>");
	}

	/** Returns Go's link for a profile: its default window spelled out, or its text form where it has one. */
	private static String link(String path, ProfileName profile) {
		String href = relative(path) + "/" + profile.value();
		ProfileKind kind = profile.kind();
		if (kind.windowed()) {
			return href + "?seconds=" + kind.defaultWindow().toSeconds();
		}
		return (kind.textLevels() > 0) ? href + "?debug=1" : href;
	}

	private static boolean pprof(ProfileName profile) {
		return profile.kind().answer() == ProfileKind.Answer.PPROF;
	}

	/**
	 * Returns the base of the page's links: the endpoint's last segment, relative to the index's own URL, so that the
	 * links hold under a servlet context path, a DispatcherServlet path or a proxy's prefix, none of which the
	 * endpoint's path includes.
	 */
	private static String relative(String path) {
		String last = path.substring(path.lastIndexOf('/') + 1);
		return last.isEmpty() ? path : last;
	}

	private static Long count(ProfileName profile) {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		return switch (profile) {
			case GOROUTINE, THREADS -> (long) threads.getThreadCount();
			case THREADCREATE -> threads.getTotalStartedThreadCount();
			default -> null;
		};
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;")
			.replace("\"", "&quot;");
	}

}
