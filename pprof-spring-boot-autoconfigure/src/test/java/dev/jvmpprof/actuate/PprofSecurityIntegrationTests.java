package dev.jvmpprof.actuate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.jvmpprof.profile.ProfileName;
import dev.jvmpprof.testing.GoTool;
import dev.jvmpprof.testing.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Security's actuator rules, written the way a user writes them with {@code EndpointRequest}, cover every
 * pprof path in each of the README's base-path recipes, on Spring MVC and on WebFlux: anonymous requests are refused
 * before our filter answers anything, and an authorized user is served.
 */
class PprofSecurityIntegrationTests {

	// Spring Security is switched off for the other tests in src/test/resources/application.properties.
	private static final String SECURITY_ON = "spring.autoconfigure.exclude=";

	// Tomcat is on this module's test classpath for the MVC tests; a WebFlux application's management server is
	// Netty's, as the main server is.
	private static final String SECURITY_ON_NETTY_ONLY = "spring.autoconfigure.exclude=org.springframework.boot.tomcat."
			+ "autoconfigure.actuate.web.server.TomcatReactiveManagementContextAutoConfiguration";

	private static final String EXPOSED = "management.endpoints.web.exposure.include=pprof,health";

	private static final String CUSTOM_PREFIX = "management.endpoints.web.path-mapping.pprof=model/dev/pprof";

	private static final String MANAGEMENT_PORT = "management.server.port=0";

	private static final String ROOT_BASE_PATH = "management.endpoints.web.base-path=/";

	private static final String GO_PATH = "management.endpoints.web.path-mapping.pprof=debug/pprof";

	private static final String SERVLET = "spring.main.web-application-type=servlet";

	private static final String REACTIVE = "spring.main.web-application-type=reactive";

	private static final String USER = ServletSecurityRules.USER;

	private static final String PASSWORD = ServletSecurityRules.PASSWORD;

	@Nested
	@SpringBootTest(classes = { TestApplication.class, ServletSecurityRules.class },
			webEnvironment = WebEnvironment.RANDOM_PORT, properties = { SECURITY_ON, EXPOSED, SERVLET })
	class WebMvcDefault extends Recipe {

		@Override
		String actuator() {
			return "http://localhost:" + this.port + "/actuator";
		}

		@Override
		String pprof() {
			return actuator() + "/pprof";
		}

	}

	@Nested
	@SpringBootTest(classes = { TestApplication.class, ServletSecurityRules.class },
			webEnvironment = WebEnvironment.RANDOM_PORT, properties = { SECURITY_ON, EXPOSED, SERVLET, CUSTOM_PREFIX })
	class WebMvcCustomPrefix extends Recipe {

		@Override
		String actuator() {
			return "http://localhost:" + this.port + "/actuator";
		}

		@Override
		String pprof() {
			return actuator() + "/model/dev/pprof";
		}

	}

	@Nested
	@SpringBootTest(classes = { TestApplication.class, ServletSecurityRules.class },
			webEnvironment = WebEnvironment.RANDOM_PORT, properties = { SECURITY_ON, EXPOSED, SERVLET, MANAGEMENT_PORT,
					ROOT_BASE_PATH, GO_PATH })
	class WebMvcGoLayoutOnManagementPort extends Recipe {

		@LocalManagementPort
		private int managementPort;

		@Test
		void goToolPprofShouldSendTheCredentialsOfItsUrl() throws Exception {
			GoTool.Result result = GoTool.pprof("-raw", "-seconds", "1",
					"http://" + USER + ":" + PASSWORD + "@localhost:" + this.managementPort);
			assertThat(result.exitCode()).as(result.stderr()).isZero();
			assertThat(result.stdout()).contains("PeriodType: cpu nanoseconds");
			GoTool.Result refused = GoTool.pprof("-raw", "-seconds", "1", "http://localhost:" + this.managementPort);
			assertThat(refused.exitCode()).isNotZero();
			assertThat(refused.stderr()).contains("401");
		}

		@Override
		String actuator() {
			return "http://localhost:" + this.managementPort;
		}

		@Override
		String pprof() {
			return actuator() + "/debug/pprof";
		}

	}

	@Nested
	@SpringBootTest(classes = { TestApplication.class, ReactiveSecurityRules.class },
			webEnvironment = WebEnvironment.RANDOM_PORT, properties = { SECURITY_ON, EXPOSED, REACTIVE })
	class WebFluxDefault extends Recipe {

		@Override
		String actuator() {
			return "http://localhost:" + this.port + "/actuator";
		}

		@Override
		String pprof() {
			return actuator() + "/pprof";
		}

	}

	@Nested
	@SpringBootTest(classes = { TestApplication.class, ReactiveSecurityRules.class },
			webEnvironment = WebEnvironment.RANDOM_PORT, properties = { SECURITY_ON, EXPOSED, REACTIVE, CUSTOM_PREFIX })
	class WebFluxCustomPrefix extends Recipe {

		@Override
		String actuator() {
			return "http://localhost:" + this.port + "/actuator";
		}

		@Override
		String pprof() {
			return actuator() + "/model/dev/pprof";
		}

	}

	@Nested
	@SpringBootTest(classes = { TestApplication.class, ReactiveSecurityRules.class },
			webEnvironment = WebEnvironment.RANDOM_PORT, properties = { SECURITY_ON_NETTY_ONLY, EXPOSED, REACTIVE,
					MANAGEMENT_PORT, ROOT_BASE_PATH, GO_PATH })
	class WebFluxGoLayoutOnManagementPort extends Recipe {

		@LocalManagementPort
		private int managementPort;

		@Override
		String actuator() {
			return "http://localhost:" + this.managementPort;
		}

		@Override
		String pprof() {
			return actuator() + "/debug/pprof";
		}

	}

	/** The same checks for each recipe. */
	abstract static class Recipe {

		private static final HttpClient CLIENT = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();

		@LocalServerPort
		int port;

		/** Returns the actuator's base URL. */
		abstract String actuator();

		/** Returns the pprof endpoint's URL. */
		abstract String pprof();

		@Test
		void anonymousRequestsToEveryPprofPathShouldBeRefusedBeforeOurFilterAnswers() {
			List<String> refused = new ArrayList<>();
			for (String[] request : pprofRequests()) {
				HttpResponse<byte[]> response = send(request[0], pprof() + request[1], null);
				// Without X-Go-Pprof: Spring Security answered, not our filter (order 0, after its -100).
				if (response.statusCode() != 401 || response.headers().firstValue("X-Go-Pprof").isPresent()) {
					refused.add(request[0] + " " + request[1] + " -> " + response.statusCode() + " "
							+ response.headers().firstValue("X-Go-Pprof").orElse(""));
				}
			}
			assertThat(refused).as("anonymous requests not refused by Spring Security").isEmpty();
		}

		@Test
		void rulesShouldBeAboutPprofOnly() {
			assertThat(send("GET", actuator() + "/health", null).statusCode()).isEqualTo(200);
		}

		@Test
		void wrongPasswordShouldBeRefused() {
			assertThat(send("GET", pprof() + "/cmdline", "wrong").statusCode()).isEqualTo(401);
		}

		@Test
		void authorizedUserShouldBeServedGoStyle() {
			HttpResponse<byte[]> index = send("GET", pprof(), PASSWORD);
			assertThat(index.statusCode()).isEqualTo(200);
			HttpResponse<byte[]> cmdline = send("GET", pprof() + "/cmdline", PASSWORD);
			assertThat(cmdline.statusCode()).isEqualTo(200);
			assertThat(cmdline.headers().firstValue("X-Go-Pprof")).hasValue("1");
			assertThat(text(cmdline)).contains("java");
			HttpResponse<byte[]> symbol = send("POST", pprof() + "/symbol", PASSWORD);
			assertThat(symbol.statusCode()).isEqualTo(200);
			assertThat(text(symbol)).isEqualTo("num_symbols: 1\n");
			HttpResponse<byte[]> unknown = send("GET", pprof() + "/nosuch", PASSWORD);
			assertThat(unknown.statusCode()).isEqualTo(404);
			assertThat(text(unknown)).isEqualTo("Unknown profile\n");
			HttpResponse<byte[]> post = send("POST", pprof() + "/heap", PASSWORD);
			assertThat(post.statusCode()).isEqualTo(405);
			assertThat(text(post)).isEqualTo("the heap profile is read with GET\n");
		}

		private static List<String[]> pprofRequests() {
			List<String[]> requests = new ArrayList<>();
			requests.add(new String[] { "GET", "" });
			requests.add(new String[] { "GET", "/" });
			for (ProfileName name : ProfileName.values()) {
				// seconds=1 bounds the cost should a request get through.
				requests.add(new String[] { "GET", "/" + name.value() + "?seconds=1" });
				requests.add(new String[] { "GET", "/" + name.value() + "?debug=1" });
			}
			for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
				requests.add(new String[] { method, "" });
				requests.add(new String[] { method, "/symbol" });
				requests.add(new String[] { method, "/profile?seconds=1" });
			}
			requests.add(new String[] { "GET", "/nosuch" });
			requests.add(new String[] { "GET", "/cmdline/x" });
			return requests;
		}

		private static HttpResponse<byte[]> send(String method, String url, String password) {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
				.timeout(Duration.ofSeconds(30))
				.method(method, "GET".equals(method) ? HttpRequest.BodyPublishers.noBody()
						: HttpRequest.BodyPublishers.ofString("0x4a0000+0x401000"));
			if (password != null) {
				request.header("Authorization", "Basic "
						+ Base64.getEncoder().encodeToString((USER + ":" + password).getBytes(StandardCharsets.UTF_8)));
			}
			try {
				return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		private static String text(HttpResponse<byte[]> response) {
			return new String(response.body(), StandardCharsets.UTF_8);
		}

	}

}
