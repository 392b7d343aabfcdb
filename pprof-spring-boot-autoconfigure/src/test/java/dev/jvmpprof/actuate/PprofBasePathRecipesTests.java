package dev.jvmpprof.actuate;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.jvmpprof.testing.DecodedProfile;
import dev.jvmpprof.testing.GoTool;
import dev.jvmpprof.testing.GoTool.Result;
import dev.jvmpprof.testing.HotLoop;
import dev.jvmpprof.testing.Http;
import dev.jvmpprof.testing.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's recipes for where the endpoint lives, each on a real server.
 */
class PprofBasePathRecipesTests {

	@Nested
	@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "management.endpoints.web.exposure.include=pprof",
					"management.endpoints.web.path-mapping.pprof=model/dev/pprof" })
	class CustomPrefix {

		@LocalServerPort
		private int port;

		@Test
		void endpointShouldMoveWithThePathMappingAndKeepGosHeaders() {
			String base = "http://localhost:" + this.port + "/actuator/model/dev/pprof";
			HttpResponse<byte[]> profile = Http.get(base + "/profile?seconds=1");
			assertThat(profile.statusCode()).isEqualTo(200);
			assertThat(profile.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"profile\"");
			DecodedProfile.decode(profile.body());
			HttpResponse<byte[]> error = Http.get(base + "/profile?seconds=0");
			assertThat(error.statusCode()).isEqualTo(400);
			assertThat(error.headers().firstValue("X-Go-Pprof")).hasValue("1");
			assertThat(Http.text(Http.get(base, "Accept", "text/html")))
				.contains("<title>/actuator/model/dev/pprof</title>", "<a href='pprof/cmdline'>");
			assertThat(Http.get("http://localhost:" + this.port + "/actuator/pprof/cmdline").statusCode()).isEqualTo(404);
		}

	}

	@Nested
	@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "spring.main.web-application-type=servlet", "management.endpoints.web.exposure.include=pprof",
					"server.servlet.context-path=/shop", "spring.mvc.servlet.path=/mvc" })
	class UnderContextAndServletPath {

		@LocalServerPort
		private int port;

		@Test
		void endpointShouldKeepGosHeadersAndAnswersUnderTheServletsPaths() {
			String base = "http://localhost:" + this.port + "/shop/mvc/actuator/pprof";
			HttpResponse<byte[]> cmdline = Http.get(base + "/cmdline");
			assertThat(cmdline.statusCode()).isEqualTo(200);
			assertThat(cmdline.headers().firstValue("X-Go-Pprof")).hasValue("1");
			HttpResponse<byte[]> symbol = Http.post(base + "/symbol", "0x4a0000");
			assertThat(symbol.statusCode()).isEqualTo(200);
			assertThat(Http.text(symbol)).isEqualTo("num_symbols: 1\n");
			HttpResponse<byte[]> error = Http.get(base + "/cmdline/x");
			assertThat(error.statusCode()).isEqualTo(404);
			assertThat(Http.text(error)).isEqualTo("Unknown profile\n");
			HttpResponse<byte[]> slash = Http.get(base + "/");
			assertThat(slash.statusCode()).isEqualTo(301);
			assertThat(slash.headers().firstValue("Location")).hasValue("/shop/mvc/actuator/pprof");
		}

	}

	@Nested
	@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "management.endpoints.web.exposure.include=pprof", "management.server.port=0",
					"management.endpoints.web.base-path=/", "management.endpoints.web.path-mapping.pprof=debug/pprof" })
	class GoLayoutOnManagementPort {

		@LocalServerPort
		private int port;

		@LocalManagementPort
		private int managementPort;

		@Test
		void goToolPprofWithNoPathShouldFetchTheCpuProfile() throws Exception {
			Result result;
			try (HotLoop loop = HotLoop.start()) {
				result = GoTool.pprof("-top", "-seconds", "1", "localhost:" + this.managementPort);
			}
			assertThat(result.exitCode()).as(result.stderr()).isZero();
			assertThat(result.stderr()).contains("/debug/pprof/profile");
			assertThat(result.stdout()).contains("Type: cpu");
		}

		@Test
		void endpointShouldAnswerOnTheManagementPortOnlyWithGosHeaders() {
			String base = "http://localhost:" + this.managementPort + "/debug/pprof";
			HttpResponse<byte[]> error = Http.get(base + "/nosuch");
			assertThat(error.statusCode()).isEqualTo(404);
			assertThat(error.headers().firstValue("X-Go-Pprof")).hasValue("1");
			assertThat(Http.text(error)).isEqualTo("Unknown profile\n");
			assertThat(Http.text(Http.get(base + "/symbol"))).isEqualTo("num_symbols: 1\n");
			assertThat(Http.get("http://localhost:" + this.port + "/debug/pprof/symbol").statusCode()).isEqualTo(404);
		}

	}

}
