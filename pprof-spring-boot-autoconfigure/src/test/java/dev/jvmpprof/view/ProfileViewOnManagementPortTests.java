package dev.jvmpprof.view;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;

import dev.jvmpprof.testing.Http;
import dev.jvmpprof.testing.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page where the README's Go layout puts the endpoint: on the management port, at {@code /debug/pprof}.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=pprof", "management.server.port=0",
				"management.endpoints.web.base-path=/", "management.endpoints.web.path-mapping.pprof=debug/pprof" })
class ProfileViewOnManagementPortTests {

	@LocalManagementPort
	private int managementPort;

	@Test
	void pageShouldBeServedWhereTheEndpointIsAndLinkItsIndex() {
		String base = "http://localhost:" + this.managementPort + "/debug/pprof";
		HttpResponse<byte[]> page = Http.get(base + "/heap", "Accept", AbstractProfileViewWebIntegrationTests.CHROMIUM);
		assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
		assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(Http.text(page)).contains("\"index\":\"../pprof\"");
		HttpResponse<byte[]> profile = Http.get(base + "/heap");
		assertThat(profile.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
	}

}
