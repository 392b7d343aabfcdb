package dev.jvmpprof.actuate;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.jvmpprof.testing.Http;
import dev.jvmpprof.testing.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The profile page is answered where the profiles are, behind the user's actuator rules: a browser that may not read
 * a profile does not get its page either.
 */
@SpringBootTest(classes = { TestApplication.class, ServletSecurityRules.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.autoconfigure.exclude=", "management.endpoints.web.exposure.include=pprof",
				"spring.main.web-application-type=servlet" })
class ProfilePageSecurityTests {

	private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

	@LocalServerPort
	private int port;

	@Test
	void anonymousBrowserShouldBeRefusedAndAnAuthorizedOneServedThePage() {
		String heap = "http://localhost:" + this.port + "/actuator/pprof/heap";
		HttpResponse<byte[]> anonymous = Http.get(heap, "Accept", BROWSER);
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.headers().firstValue("X-Go-Pprof")).as("refused before our filter").isEmpty();
		String credentials = Base64.getEncoder()
			.encodeToString((ServletSecurityRules.USER + ":" + ServletSecurityRules.PASSWORD)
				.getBytes(StandardCharsets.UTF_8));
		HttpResponse<byte[]> authorized = Http.get(heap, "Accept", BROWSER, "Authorization", "Basic " + credentials);
		assertThat(authorized.statusCode()).isEqualTo(200);
		assertThat(authorized.headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
	}

}
