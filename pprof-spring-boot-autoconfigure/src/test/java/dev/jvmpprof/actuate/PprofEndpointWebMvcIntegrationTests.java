package dev.jvmpprof.actuate;

import java.util.Arrays;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import dev.jvmpprof.testing.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet", "management.endpoints.web.exposure.include=pprof" })
class PprofEndpointWebMvcIntegrationTests extends AbstractPprofEndpointWebIntegrationTests {

	@Override
	protected void assertConnectionChecks(byte[] body) {
		// The gzip header, then the empty block of the first check, inside the one member.
		assertThat(Arrays.copyOfRange(body, 10, 15)).containsExactly(0, 0, 0, 0xff, 0xff);
	}

}
