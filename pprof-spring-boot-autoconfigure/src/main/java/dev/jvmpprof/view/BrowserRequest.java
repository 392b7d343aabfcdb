package dev.jvmpprof.view;

import java.util.Locale;

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
	 * type of the profile itself: equal ranks, as {@code *}{@code /*} gives both, keep Go's answer.
	 * @param accept the header, or {@code null}
	 * @return whether HTML is preferred
	 */
	static boolean prefersHtml(String accept) {
		if (accept == null || accept.isBlank()) {
			return false;
		}
		double html = quality(accept, "text", "html");
		return html > 0 && html > quality(accept, "application", "octet-stream");
	}

	private static boolean isDisplayed(String fetchDest) {
		return fetchDest.equals("document") || fetchDest.equals("iframe") || fetchDest.equals("frame");
	}

	/**
	 * Returns the quality the header gives a type: that of the most specific range that matches it, as RFC 9110
	 * says, or 0 when none matches.
	 */
	private static double quality(String accept, String type, String subtype) {
		int bestSpecificity = -1;
		double quality = 0;
		for (String range : accept.split(",")) {
			String[] parts = range.split(";");
			String mediaRange = parts[0].trim().toLowerCase(Locale.ROOT);
			int slash = mediaRange.indexOf('/');
			if (slash < 0) {
				continue;
			}
			String rangeType = mediaRange.substring(0, slash).trim();
			String rangeSubtype = mediaRange.substring(slash + 1).trim();
			int specificity;
			if (rangeType.equals(type) && rangeSubtype.equals(subtype)) {
				specificity = 2;
			}
			else if (rangeType.equals(type) && rangeSubtype.equals("*")) {
				specificity = 1;
			}
			else if (rangeType.equals("*") && rangeSubtype.equals("*")) {
				specificity = 0;
			}
			else {
				continue;
			}
			if (specificity > bestSpecificity) {
				bestSpecificity = specificity;
				quality = q(parts);
			}
		}
		return quality;
	}

	private static double q(String[] parts) {
		for (int i = 1; i < parts.length; i++) {
			String parameter = parts[i].trim();
			if (parameter.length() > 2 && parameter.substring(0, 2).equalsIgnoreCase("q=")) {
				try {
					double q = Double.parseDouble(parameter.substring(2).trim());
					return (q >= 0 && q <= 1) ? q : 1;
				}
				catch (NumberFormatException ex) {
					// A weight that is not a number is ignored, as if the range had none.
					return 1;
				}
			}
		}
		return 1;
	}

}
