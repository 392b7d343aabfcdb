package dev.jvmpprof.threadcreate;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.jvmpprof.testing.DecodedProfile;
import dev.jvmpprof.testing.Http;
import dev.jvmpprof.testing.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code threadcreate} profile over real HTTP on a real server, recorded since the application started.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "management.endpoints.web.exposure.include=pprof")
class ThreadCreateEndpointTests {

	@LocalServerPort
	private int port;

	private String url(String path) {
		return "http://localhost:" + this.port + "/actuator/pprof" + path;
	}

	@Test
	void threadcreateShouldShowTheStacksThatStartedThreadsSinceStartup() throws Exception {
		ThreadCreateProfileCollectorTests.startThreads(2);
		HttpResponse<byte[]> response = Http.get(url("/threadcreate"));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
		assertThat(response.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"threadcreate\"");
		DecodedProfile profile = DecodedProfile.decode(response.body());
		assertThat(profile.sampleTypes()).containsExactly("threadcreate/count");
		assertThat(profile.sumWhereStackContains(0, "ThreadCreateProfileCollectorTests.startThreads")).isGreaterThanOrEqualTo(2);
		// Started with the context: the server's own threads, started at startup, are there.
		assertThat(profile.sumWhereStackContains(0, "org.apache.tomcat")).isPositive();
	}

	@Test
	void secondsShouldAnswerTheWindowAsADelta() throws Exception {
		HttpResponse<byte[]> response = Http.get(url("/threadcreate?seconds=1"));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Disposition"))
			.hasValue("attachment; filename=\"threadcreate-delta\"");
		assertThat(DecodedProfile.decode(response.body()).proto().getDurationNanos()).isEqualTo(1_000_000_000L);
	}

	@Test
	void debug1ShouldAnswerGosGroupedText() {
		HttpResponse<byte[]> response = Http.get(url("/threadcreate?debug=1"));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain;charset=utf-8");
		assertThat(Http.text(response)).startsWith("threadcreate profile: total ");
	}

}
