package dev.jvmpprof.view;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which requests get the page: browsers navigating to a profile, and no other client.
 */
class BrowserRequestTests {

	private static final String CHROMIUM = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,"
			+ "image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7";

	private static final String FIREFOX = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

	private static final String SAFARI = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

	@ParameterizedTest
	@ValueSource(strings = { CHROMIUM, FIREFOX, SAFARI, "text/html", "TEXT/HTML", "text/*", "text/html;q=0.5",
			"application/octet-stream;q=0.4, text/html;q=0.5", "text/html;level=1, */*;q=0.1" })
	void browsersNavigatingShouldGetThePage(String accept) {
		assertThat(BrowserRequest.wantsPage(accept, null)).isTrue();
		assertThat(BrowserRequest.wantsPage(accept, "document")).isTrue();
		assertThat(BrowserRequest.wantsPage(accept, "iframe")).isTrue();
	}

	@Test
	void goToolPprofWhichSendsNoAcceptShouldGetTheProfile() {
		assertThat(BrowserRequest.wantsPage(null, null)).isFalse();
		assertThat(BrowserRequest.wantsPage("", null)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "*/*", "application/octet-stream", "application/json", "text/plain",
			"application/json, */*;q=0.5", "text/html, application/octet-stream", "text/html;q=0.8, */*",
			"text/html;q=0, */*;q=0.1", "text/*;q=0.3, */*;q=0.5", "image/webp,*/*;q=0.8", "nonsense",
			"text/html;q=0.5, application/*" })
	void clientsThatDoNotPreferHtmlShouldGetTheProfile(String accept) {
		assertThat(BrowserRequest.wantsPage(accept, null)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "text/html;q=abc", "text/html;q=2", "text/html;q=0.12345", "text/html;q", "text/html;",
			"garbage, text/html", "/, text/html", "text/, text/html", "a/b/c, text/html", "*/html", "text/html,,*/*",
			"text/html;charset=\"utf-8, */*;q=0.1", "text/html;a b=c" })
	void malformedAcceptShouldBeLeftToTheEndpointWhichRefusesIt(String accept) {
		assertThat(BrowserRequest.wantsPage(accept, null)).isFalse();
	}

	@Test
	void wellFormedParametersShouldBeRead() {
		assertThat(BrowserRequest.wantsPage("text/html;charset=\"utf-8\";q=1.000, */*;q=0.999", null)).isTrue();
		assertThat(BrowserRequest.wantsPage("text/html;Q=0.1, */*;q=0.2", null)).isFalse();
	}

	@Test
	void aBrowserFetchingRatherThanNavigatingShouldGetTheProfile() {
		// A link with a download attribute, and the page's own request for the profile.
		assertThat(BrowserRequest.wantsPage(FIREFOX, "empty")).isFalse();
		assertThat(BrowserRequest.wantsPage(null, "empty")).isFalse();
		assertThat(BrowserRequest.wantsPage(CHROMIUM, "image")).isFalse();
	}

}
