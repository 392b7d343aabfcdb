package dev.jvmpprof.jfr;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.jvmpprof.testing.Contention;
import dev.jvmpprof.testing.DecodedProfile;
import dev.jvmpprof.testing.Http;
import dev.jvmpprof.testing.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lambda frames named alike by Flight Recorder (the lock profiles), async-profiler (wall) and a thread dump
 * ({@code goroutine}), without the counter, address and hash that change at every start.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=pprof", "pprof.engine=async-profiler" })
class StableFunctionNamesIntegrationTests {

	// The lambda that runs each of Contention's threads.
	private static final String LAMBDA = "dev.jvmpprof.testing.Contention$$Lambda.run";

	@LocalServerPort
	private int port;

	@Test
	void everyProfileShouldNameALambdaTheSameStableWay() throws Exception {
		List<DecodedProfile> profiles;
		try (Contention contention = Contention.start()) {
			CompletableFuture<DecodedProfile> wall = CompletableFuture.supplyAsync(() -> take("wall?seconds=2"));
			CompletableFuture<DecodedProfile> mutex = CompletableFuture.supplyAsync(() -> take("mutex?seconds=2"));
			profiles = List.of(wall.get(60, TimeUnit.SECONDS), mutex.get(60, TimeUnit.SECONDS), take("goroutine"));
		}
		for (DecodedProfile profile : profiles) {
			Set<String> functions = profile.proto()
				.getFunctionList()
				.stream()
				.map((function) -> profile.string(function.getName()))
				.collect(Collectors.toSet());
			assertThat(functions).contains(LAMBDA);
			assertThat(functions).noneMatch((name) -> name.contains("$$Lambda$") || name.contains("0x"));
		}
	}

	private DecodedProfile take(String request) {
		HttpResponse<byte[]> response = Http.get("http://localhost:" + this.port + "/actuator/pprof/" + request);
		assertThat(response.statusCode()).as(request).isEqualTo(200);
		return DecodedProfile.decode(response.body());
	}

}
