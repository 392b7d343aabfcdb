package dev.jvmpprof.goroutine;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.jvmpprof.testing.DecodedProfile;
import dev.jvmpprof.testing.Http;
import dev.jvmpprof.testing.ParkedThreads;
import dev.jvmpprof.testing.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code goroutine} and {@code threads} profiles over real HTTP on a real server.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "management.endpoints.web.exposure.include=pprof")
class GoroutineEndpointTests {

	@LocalServerPort
	private int port;

	private String url(String path) {
		return "http://localhost:" + this.port + "/actuator/pprof" + path;
	}

	@Test
	void goroutineShouldServeAGoShapedProfileOfEveryThread() throws Exception {
		HttpResponse<byte[]> response;
		try (ParkedThreads parked = ParkedThreads.start("http-parked", 3)) {
			response = Http.get(url("/goroutine"));
		}
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
		assertThat(response.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"goroutine\"");
		DecodedProfile profile = DecodedProfile.decode(response.body());
		assertThat(profile.sampleTypes()).containsExactly("goroutine/count");
		assertThat(profile.sumWhereStackContains(0, "ParkedThreads.parkHere")).isGreaterThanOrEqualTo(3);
		assertThat(profile.sumWhereStackContains(0, "GoroutineProfileCollector.take")).as("the thread serving us")
			.isEqualTo(1);
	}

	@Test
	void threadsShouldBeTheSameProfileUnderTheJvmsName() {
		HttpResponse<byte[]> response = Http.get(url("/threads"));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"threads\"");
		assertThat(DecodedProfile.decode(response.body()).sampleTypes()).containsExactly("goroutine/count");
	}

	@Test
	void debug1AndDebug2ShouldAnswerText() throws Exception {
		HttpResponse<byte[]> grouped;
		HttpResponse<byte[]> dump;
		try (ParkedThreads parked = ParkedThreads.start("http-parked", 2)) {
			grouped = Http.get(url("/goroutine?debug=1"));
			dump = Http.get(url("/threads?debug=2"));
		}
		assertThat(grouped.statusCode()).isEqualTo(200);
		assertThat(grouped.headers().firstValue("Content-Type")).hasValue("text/plain;charset=utf-8");
		assertThat(grouped.headers().firstValue("Content-Disposition")).isEmpty();
		assertThat(Http.text(grouped)).startsWith("goroutine profile: total ").contains("ParkedThreads.parkHere");
		assertThat(dump.statusCode()).isEqualTo(200);
		assertThat(Http.text(dump)).startsWith("Full thread dump ")
			.contains("\"http-parked-0\" #", "\"http-parked-1\" #", "java.lang.Thread.State: WAITING (parking)");
	}

	@Test
	void secondsShouldAnswerADeltaNamedAsGoNamesIt() {
		HttpResponse<byte[]> response = Http.get(url("/goroutine?seconds=1"));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Disposition"))
			.hasValue("attachment; filename=\"goroutine-delta\"");
		assertThat(DecodedProfile.decode(response.body()).proto().getDurationNanos()).isEqualTo(1_000_000_000L);
	}

	@Test
	void secondsWithDebugShouldGet400WithGosSentence() {
		HttpResponse<byte[]> response = Http.get(url("/goroutine?seconds=1&debug=1"));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("X-Go-Pprof")).hasValue("1");
		assertThat(Http.text(response)).isEqualTo("seconds and debug params are incompatible\n");
	}

}
