package dev.jvmpprof.heap;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import dev.jvmpprof.testing.Http;
import dev.jvmpprof.testing.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code heap} and {@code allocs} when heap sampling is switched off: no sampler runs, and both say how to switch
 * it on.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=pprof", "pprof.heap.enabled=false" })
class HeapProfileDisabledWebIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private ApplicationContext context;

	@Test
	void heapAndAllocsShouldGet503WithHowToSwitchSamplingOn() {
		assertThat(this.context.getBeanNamesForType(HeapSampler.class)).isEmpty();
		for (String name : new String[] { "heap", "allocs" }) {
			HttpResponse<byte[]> response = Http.get("http://localhost:" + this.port + "/actuator/pprof/" + name);
			assertThat(response.statusCode()).isEqualTo(503);
			assertThat(response.headers().firstValue("X-Go-Pprof")).hasValue("1");
			assertThat(Http.text(response)).isEqualTo("heap sampling is switched off: set pprof.heap.enabled=true "
					+ "to serve the " + name + " profile\n");
		}
	}

}
