package dev.jvmpprof.view;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.jvmpprof.testing.DecodedProfile;
import dev.jvmpprof.testing.Http;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who gets the page and who gets the profile, over real HTTP on a real server: the same tests for Spring MVC and for
 * WebFlux.
 */
abstract class AbstractProfileViewWebIntegrationTests {

	static final String CHROMIUM = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,"
			+ "image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7";

	@LocalServerPort
	private int port;

	private String url(String path) {
		return "http://localhost:" + this.port + "/actuator/pprof" + path;
	}

	@ParameterizedTest
	@ValueSource(strings = { "profile?seconds=30", "heap", "allocs", "goroutine", "threads", "block", "mutex",
			"wall?seconds=5", "threadcreate", "trace", "heap?seconds=10", "heap?debug=0" })
	void browserShouldGetThePageAtOnce(String request) {
		long start = System.nanoTime();
		HttpResponse<byte[]> response = Http.get(url("/" + request), "Accept", CHROMIUM, "Sec-Fetch-Dest", "document");
		assertThat(System.nanoTime() - start).as("nanoseconds, before any window").isLessThan(5_000_000_000L);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
		assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(response.headers().firstValue("Content-Disposition")).isEmpty();
		assertThat(response.headers().firstValue("Vary")).hasValue("Accept");
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
		assertThat(response.headers().firstValue("Content-Security-Policy"))
			.hasValue(ProfileView.CONTENT_SECURITY_POLICY);
		String name = request.replaceAll("\\?.*", "");
		assertThat(Http.text(response)).startsWith("<!DOCTYPE html>")
			.contains("<title>" + request + "</title>", "\"profile\":\"" + name + "\"", "\"index\":\"../pprof\"");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "*/*", "application/octet-stream", "text/html, */*",
			"application/json, text/plain, */*" })
	void goToolPprofCurlAndScriptsShouldGetTheProfileAsBefore(String accept) {
		HttpResponse<byte[]> response = accept.isEmpty() ? Http.get(url("/heap"))
				: Http.get(url("/heap"), "Accept", accept);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
		assertThat(response.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"heap\"");
		assertThat(response.headers().firstValue("Content-Security-Policy")).isEmpty();
		assertThat(DecodedProfile.decode(response.body()).sampleTypes()).hasSize(4);
	}

	@Test
	void aBrowserSavingTheProfileShouldGetTheProfile() {
		// What a browser that sent its page Accept header for a link with a download attribute would send.
		HttpResponse<byte[]> response = Http.get(url("/heap"), "Accept", CHROMIUM, "Sec-Fetch-Dest", "empty");
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
		DecodedProfile.decode(response.body());
	}

	@ParameterizedTest
	@ValueSource(strings = { "goroutine?debug=1", "goroutine?debug=2", "heap?debug=1", "cmdline", "symbol" })
	void textAnswersShouldStayTextForBrowsers(String request) {
		HttpResponse<byte[]> response = Http.get(url("/" + request), "Accept", CHROMIUM);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain;charset=utf-8");
	}

	@Test
	void indexShouldStayTheIndexForBrowsers() {
		HttpResponse<byte[]> response = Http.get(url(""), "Accept", CHROMIUM);
		assertThat(Http.text(response)).contains("<title>/actuator/pprof</title>",
				"<a class=view href='pprof/heap'>flame graph</a>", "<a class=download download href='pprof/heap'>heap</a>",
				"<code class=command data-href='pprof/heap'>go tool pprof -http=: http://HOST:PORT/actuator/pprof/heap",
				"<a class=download download href='pprof/trace'>trace.jfr</a>")
			.doesNotContain("href='pprof/cmdline'>flame graph");
	}

	@Test
	void writesShouldStillGetGosErrors() {
		HttpResponse<byte[]> response = Http.post(url("/profile"), "");
		assertThat(response.statusCode()).isEqualTo(405);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain;charset=utf-8");
	}

}
