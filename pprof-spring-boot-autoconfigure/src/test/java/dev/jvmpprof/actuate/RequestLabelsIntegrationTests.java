package dev.jvmpprof.actuate;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.test.simple.SimpleTracer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.jvmpprof.labels.PprofLabels;
import dev.jvmpprof.testing.DecodedProfile;
import dev.jvmpprof.testing.Http;
import dev.jvmpprof.testing.OrderRoutes;
import dev.jvmpprof.testing.RequestLoad;
import dev.jvmpprof.testing.TestApplication;
import dev.jvmpprof.testing.proto.ProfileProto.Sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Request labels on every labelled profile (CPU, wall-clock and block), with trace ids where the application traces,
 * and a user's {@link PprofLabels} block nested in a request.
 */
@SpringBootTest(classes = { TestApplication.class, OrderRoutes.class, RequestLabelsIntegrationTests.Routes.class },
		webEnvironment = WebEnvironment.RANDOM_PORT, properties = "management.endpoints.web.exposure.include=pprof")
class RequestLabelsIntegrationTests {

	@LocalServerPort
	private int port;

	private String base() {
		return "http://localhost:" + this.port;
	}

	@Test
	void cpuSamplesShouldCarryTheRouteMethodAndTraceIds() throws Exception {
		DecodedProfile profile = underLoad("/profile?seconds=2", "/orders/{n}", "/status");
		List<Sample> orders = samplesIn(profile, "OrderRoutes.placeOrder");
		assertThat(orders).isNotEmpty().allSatisfy((sample) -> {
			assertThat(profile.label(sample, "http.route")).isEqualTo("/orders/{id}");
			assertThat(profile.label(sample, "http.method")).isEqualTo("GET");
			assertThat(profile.label(sample, "trace_id")).isNotBlank();
			assertThat(profile.label(sample, "span_id")).isNotBlank();
			assertThat(profile.label(sample, "thread")).startsWith("http-nio-");
		});
		assertThat(samplesIn(profile, "OrderRoutes.checkStatus")).isNotEmpty()
			.allSatisfy((sample) -> assertThat(profile.label(sample, "http.route")).isEqualTo("/status"));
	}

	@Test
	void userLabelsShouldNestInTheRequestLabels() throws Exception {
		DecodedProfile profile = underLoad("/profile?seconds=2", "/tenants/{n}/report");
		List<Sample> reports = samplesIn(profile, "Routes.buildReport");
		assertThat(reports).isNotEmpty().allSatisfy((sample) -> {
			assertThat(profile.label(sample, "http.route")).isEqualTo("/tenants/{tenant}/report");
			assertThat(profile.label(sample, "tenant")).matches("[0-9]+");
			assertThat(profile.label(sample, "job")).isEqualTo("report");
		});
	}

	@Test
	void wallSamplesShouldCarryTheRoute() throws Exception {
		DecodedProfile profile = underLoad("/wall?seconds=2", "/orders/{n}", "/status");
		assertThat(samplesIn(profile, "OrderRoutes.placeOrder")).isNotEmpty()
			.allSatisfy((sample) -> assertThat(profile.label(sample, "http.route")).isEqualTo("/orders/{id}"));
	}

	@Test
	void lockWaitsShouldCarryTheRoute() throws Exception {
		DecodedProfile profile = underLoad("/block?seconds=2", "/inventory/{n}");
		List<Sample> waits = samplesIn(profile, "Routes.reserve");
		assertThat(waits).isNotEmpty().allSatisfy((sample) -> {
			assertThat(profile.label(sample, "http.route")).isEqualTo("/inventory/{sku}");
			assertThat(profile.label(sample, "thread")).as("Go's lock profiles name no thread").isNull();
		});
	}

	private DecodedProfile underLoad(String profilePath, String... paths) throws InterruptedException {
		try (RequestLoad load = RequestLoad.start(base(), 2, paths)) {
			// Each route served once, so that the profile's window sees them all.
			await().atMost(Duration.ofSeconds(30)).until(() -> load.requests() >= paths.length);
			byte[] body = Http.get(base() + "/actuator/pprof" + profilePath).body();
			assertThat(load.failures()).isZero();
			return DecodedProfile.decode(body);
		}
	}

	private static List<Sample> samplesIn(DecodedProfile profile, String function) {
		Predicate<Sample> in = (sample) -> profile.functionNames(sample).stream().anyMatch((name) -> name.endsWith(function));
		return profile.proto().getSampleList().stream().filter(in).toList();
	}

	@Configuration(proxyBeanMethods = false)
	@RestController
	static class Routes {

		private static final Object STOCK = new Object();

		@Bean
		Tracer tracer() {
			return new SimpleTracer();
		}

		@Bean
		DefaultTracingObservationHandler tracingObservationHandler(Tracer tracer) {
			return new DefaultTracingObservationHandler(tracer);
		}

		@GetMapping("/tenants/{tenant}/report")
		String report(@PathVariable String tenant) {
			PprofLabels.run(Map.of("tenant", tenant, "job", "report"), Routes::buildReport);
			return "done";
		}

		static void buildReport() {
			double sum = 0;
			for (int i = 1; i < 2_000_000; i++) {
				sum += Math.sqrt(i);
			}
			if (sum < 0) {
				throw new IllegalStateException();
			}
		}

		@GetMapping("/inventory/{sku}")
		String reserve(@PathVariable String sku) throws InterruptedException {
			synchronized (STOCK) {
				Thread.sleep(5);
			}
			return sku;
		}

	}

}
