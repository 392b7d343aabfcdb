package dev.jvmpprof.actuate;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import dev.jvmpprof.profile.ProfileDispatcher;
import dev.jvmpprof.profile.ProfileName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The filters' one reading of a request: parsed as the endpoint parses it, and whether a browser navigates to it.
 */
class PprofRequestTests {

	private static final ProfileDispatcher DISPATCHER = new ProfileDispatcher(List.of(), Duration.ofSeconds(60));

	private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

	@Test
	void aWellFormedRequestShouldBeParsedAsTheEndpointParsesIt() {
		PprofRequest request = read("heap", "GET", Map.of("seconds", "5", "gc", "1"), Map.of());
		assertThat(request.name()).isEqualTo(ProfileName.HEAP);
		assertThat(request.profile().seconds()).contains(Duration.ofSeconds(5));
		assertThat(request.profile().gc()).isTrue();
		assertThat(request.wantsPage()).isFalse();
	}

	@Test
	void aRequestTheEndpointRefusesShouldKeepItsNameOnly() {
		assertThat(read("profile", "GET", Map.of("seconds", "61"), Map.of()))
			.isEqualTo(new PprofRequest(ProfileName.PROFILE, null, false));
		assertThat(read("heap", "GET", Map.of("debug", "x"), Map.of()).profile()).isNull();
		assertThat(read("heap", "GET", Map.of("gc", "2"), Map.of()).profile()).isNull();
		assertThat(read("Heap", "GET", Map.of(), Map.of())).isEqualTo(new PprofRequest(null, null, false));
		assertThat(read("", "GET", Map.of(), Map.of())).isEqualTo(new PprofRequest(null, null, false));
	}

	@Test
	void aBrowsersNavigationShouldAskForThePage() {
		assertThat(read("heap", "GET", Map.of(), Map.of("Accept", BROWSER)).wantsPage()).isTrue();
		assertThat(read("heap", "HEAD", Map.of(), Map.of("Accept", BROWSER)).wantsPage()).isFalse();
		assertThat(read("heap", "GET", Map.of(), Map.of("Accept", BROWSER, "Sec-Fetch-Dest", "empty")).wantsPage())
			.as("the page's own fetch, or a download link").isFalse();
		assertThat(read("heap", "GET", Map.of(), Map.of("Accept", "*/*")).wantsPage()).isFalse();
	}

	private static PprofRequest read(String name, String method, Map<String, String> parameters,
			Map<String, String> headers) {
		UnaryOperator<String> parameter = parameters::get;
		UnaryOperator<String> header = headers::get;
		return PprofRequest.read(DISPATCHER, name, method, parameter, header);
	}

}
