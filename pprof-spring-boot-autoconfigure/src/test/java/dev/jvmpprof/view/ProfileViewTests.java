package dev.jvmpprof.view;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.jvmpprof.profile.ProfileException;
import dev.jvmpprof.profile.ProfileName;
import dev.jvmpprof.profile.ProfileRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page for each kind of request: which ones get it, and what it carries.
 */
class ProfileViewTests {

	private static final Duration MAX = Duration.ofMinutes(10);

	@Test
	void everyProfileShouldHaveAPageButTheTextAnswersAndTheIndex() {
		for (ProfileName profile : ProfileName.values()) {
			boolean page = profile != ProfileName.CMDLINE && profile != ProfileName.SYMBOL;
			assertThat(page(profile.value(), null, null, null)).as(profile.value()).matches(
					(view) -> view.isPresent() == page);
		}
		assertThat(page("", null, null, null)).isEmpty();
		assertThat(page("nope", null, null, null)).isEmpty();
		assertThat(page("Profile", null, null, null)).isEmpty();
	}

	@Test
	void debugTextShouldStayText() {
		assertThat(page("goroutine", "debug=1", null, "1")).isEmpty();
		assertThat(page("heap", "debug=2", null, "2")).isEmpty();
		assertThat(page("heap", "debug=0", null, "0")).isPresent();
	}

	@Test
	void windowShouldBeTheSecondsParameterOrTheProfilesDefault() {
		assertThat(window(ProfileName.PROFILE, null)).isEqualTo(Duration.ofSeconds(30));
		assertThat(window(ProfileName.PROFILE, "2")).isEqualTo(Duration.ofSeconds(2));
		assertThat(window(ProfileName.WALL, null)).isEqualTo(Duration.ofSeconds(30));
		assertThat(window(ProfileName.MUTEX, null)).as("the waits since startup, at once").isZero();
		assertThat(window(ProfileName.MUTEX, "3")).isEqualTo(Duration.ofSeconds(3));
		assertThat(window(ProfileName.TRACE, null)).isEqualTo(Duration.ofSeconds(5));
		assertThat(window(ProfileName.HEAP, null)).isZero();
		assertThat(window(ProfileName.HEAP, "7")).isEqualTo(Duration.ofSeconds(7));
		assertThat(window(ProfileName.PROFILE, "abc")).as("the endpoint answers 400").isZero();
		assertThat(window(ProfileName.PROFILE, "\u0664")).as("a non-ASCII digit").isZero();
	}

	@Test
	void pageShouldCarryTheRequestAsDataNeverAsMarkupOrScript() {
		String query = "seconds=2&x=</script><script>alert(1)</script>&y=\"'{{script}}";
		Optional<ProfileView> view = page("profile", query, "2", null);
		String html = view.orElseThrow().toHtml("../pprof");
		assertThat(html).contains("<title>profile?seconds=2&amp;x=&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
				+ "&amp;y=&quot;&#39;{{script}}</title>");
		assertThat(html).contains("\"query\":\"seconds=2\\u0026x=\\u003c/script\\u003e\\u003cscript\\u003ealert(1)"
				+ "\\u003c/script\\u003e\\u0026y=\\\"'{{script}}\"");
		assertThat(html).contains("\"windowSeconds\":2", "\"profile\":\"profile\"", "\"format\":\"pprof\"",
				"\"index\":\"../pprof\"");
		assertThat(html.split("<script>", -1)).as("one script element").hasSize(2);
	}

	@Test
	void traceShouldBeOfferedAsARecording() {
		assertThat(page("trace", "seconds=1", "1", null).orElseThrow().toHtml("../pprof"))
			.contains("\"format\":\"jfr\"", "\"windowSeconds\":1");
	}

	@Test
	void pageShouldLoadNothingFromElsewhere() {
		String html = page("heap", null, null, null).orElseThrow().toHtml("../pprof");
		assertThat(html).doesNotContainPattern("(?i)<script[^>]*\\bsrc=")
			.doesNotContainPattern("(?i)<link\\b(?![^>]*href=\"data:)")
			.doesNotContainPattern("(?i)https?://")
			.doesNotContain("@import");
		assertThat(ProfileView.CONTENT_SECURITY_POLICY).startsWith("default-src 'none'; script-src 'sha256-")
			.contains("connect-src 'self'");
	}

	/** The page for a request, its parameters read as the filters read them. */
	private static Optional<ProfileView> page(String name, String query, String seconds, String debug) {
		Optional<ProfileName> profile = ProfileName.find(name);
		return profile.flatMap((known) -> ProfileView.of(known, parse(known, seconds, debug), query));
	}

	private static Duration window(ProfileName profile, String seconds) {
		return ProfileView.of(profile, parse(profile, seconds, null), null).orElseThrow().window();
	}

	private static ProfileRequest parse(ProfileName profile, String seconds, String debug) {
		try {
			return ProfileRequest.parse(profile, seconds, debug, null, MAX);
		}
		catch (ProfileException ex) {
			return null;
		}
	}

}
