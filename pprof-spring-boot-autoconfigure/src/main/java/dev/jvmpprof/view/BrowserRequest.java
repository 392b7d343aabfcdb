package dev.jvmpprof.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Tells a browser that navigates to a profile, which should see a page, from every client that wants the profile's
 * bytes: {@code go tool pprof} sends no {@code Accept} header, curl and scripts send {@code *}{@code /*}, and a
 * browser sends {@code text/html,...,*}{@code /*;q=0.8}.
 */
public final class BrowserRequest {

	private BrowserRequest() {
	}

	/**
	 * Returns whether a request asks for a page to display rather than the profile.
	 * @param accept the request's {@code Accept} header, several lines joined with commas, or {@code null}
	 * @param fetchDest the request's {@code Sec-Fetch-Dest} header, or {@code null}
	 * @return whether to answer with the page
	 */
	public static boolean wantsPage(String accept, String fetchDest) {
		// A page is something to display. Chromium fetches a link with a download attribute without any Accept
		// header; a browser that sent its navigation's Accept for such a link would still say Sec-Fetch-Dest: empty
		// (the page's own fetch says so too), and must get the file it asked to save.
		if (fetchDest != null && !isDisplayed(fetchDest.trim().toLowerCase(Locale.ROOT))) {
			return false;
		}
		return prefersHtml(accept);
	}

	/**
	 * Returns whether an {@code Accept} header ranks {@code text/html} above {@code application/octet-stream}, the
	 * type of the profile itself: equal ranks, as {@code *}{@code /*} gives both, keep Go's answer. A header that is
	 * not well-formed never asks for the page: it gets the answer it got before, the web framework's refusal.
	 * @param accept the header, or {@code null}
	 * @return whether HTML is preferred
	 */
	static boolean prefersHtml(String accept) {
		if (accept == null || accept.isBlank()) {
			return false;
		}
		List<MediaRange> ranges = new ArrayList<>();
		for (String element : accept.split(",", -1)) {
			MediaRange range = MediaRange.parse(element);
			if (range == null) {
				return false;
			}
			ranges.add(range);
		}
		double html = quality(ranges, "text", "html");
		return html > 0 && html > quality(ranges, "application", "octet-stream");
	}

	private static boolean isDisplayed(String fetchDest) {
		return fetchDest.equals("document") || fetchDest.equals("iframe") || fetchDest.equals("frame");
	}

	/**
	 * Returns the quality the ranges give a type: that of the most specific range that matches it, as RFC 9110 says,
	 * or 0 when none matches.
	 */
	private static double quality(List<MediaRange> ranges, String type, String subtype) {
		int bestSpecificity = -1;
		double quality = 0;
		for (MediaRange range : ranges) {
			int specificity = range.specificity(type, subtype);
			if (specificity > bestSpecificity) {
				bestSpecificity = specificity;
				quality = range.quality();
			}
		}
		return quality;
	}

	/**
	 * One element of an {@code Accept} header, parsed as strictly as RFC 9110 writes it.
	 *
	 * @param type the type, lower case, or {@code *}
	 * @param subtype the subtype, lower case, or {@code *}
	 * @param quality its weight, 1 unless {@code q} says otherwise
	 */
	private record MediaRange(String type, String subtype, double quality) {

		private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

		private static final Pattern QUOTED = Pattern.compile("\"[^\"\\\\]*\"");

		private static final Pattern QVALUE = Pattern.compile("0(\\.[0-9]{0,3})?|1(\\.0{0,3})?");

		/** Returns the range, or {@code null} if the text is not one. */
		static MediaRange parse(String text) {
			String[] parts = text.split(";", -1);
			String[] types = parts[0].trim().split("/", -1);
			if (types.length != 2 || !TOKEN.matcher(types[0]).matches() || !TOKEN.matcher(types[1]).matches()
					|| (types[0].equals("*") && !types[1].equals("*"))) {
				return null;
			}
			double quality = 1;
			for (int i = 1; i < parts.length; i++) {
				String parameter = parts[i].trim();
				int equals = parameter.indexOf('=');
				if (equals <= 0) {
					return null;
				}
				String name = parameter.substring(0, equals);
				String value = parameter.substring(equals + 1);
				if (!TOKEN.matcher(name).matches()
						|| !(TOKEN.matcher(value).matches() || QUOTED.matcher(value).matches())) {
					return null;
				}
				if (name.equalsIgnoreCase("q")) {
					if (!QVALUE.matcher(value).matches()) {
						return null;
					}
					quality = Double.parseDouble(value);
				}
			}
			return new MediaRange(types[0].toLowerCase(Locale.ROOT), types[1].toLowerCase(Locale.ROOT), quality);
		}

		/** Returns how closely the range matches a type: 2 exactly, 1 by its type, 0 as any, -1 not at all. */
		int specificity(String type, String subtype) {
			if (this.type.equals("*")) {
				return 0;
			}
			if (!this.type.equals(type)) {
				return -1;
			}
			if (this.subtype.equals("*")) {
				return 1;
			}
			return this.subtype.equals(subtype) ? 2 : -1;
		}

	}

}
