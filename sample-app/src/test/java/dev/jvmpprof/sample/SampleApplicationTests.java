package dev.jvmpprof.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives each hot-path endpoint over real HTTP against the running app.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SampleApplicationTests {

	private final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Test
	void primesCountsPrimesUpToLimit() throws Exception {
		HttpResponse<String> response = get("/primes?limit=1000");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"primes\":168");
	}

	@Test
	void primesWithSecondsCountsOverAndOverForThatLong() throws Exception {
		long start = System.nanoTime();
		HttpResponse<String> response = get("/primes?limit=1000&seconds=1");
		assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(1_000_000_000L);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"primes\":168").containsPattern("\"rounds\":[1-9][0-9]+");
	}

	@Test
	void primesRejectsNonNumericLimit() throws Exception {
		assertThat(get("/primes?limit=abc").statusCode()).isEqualTo(400);
	}

	@Test
	void reportBuildsSmallReport() throws Exception {
		HttpResponse<String> response = get("/report?rows=10");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("10 orders");
	}

	@Test
	void inventoryReservesFromSeveralThreads() throws Exception {
		HttpResponse<String> response = get("/inventory/reserve?threads=2");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"threads\":2");
	}

	@Test
	void inventoryWithSecondsContendsForThatLong() throws Exception {
		long start = System.nanoTime();
		HttpResponse<String> response = get("/inventory/reserve?threads=2&seconds=1");
		assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(1_000_000_000L);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(get("/inventory/reserve?seconds=-1").statusCode()).isEqualTo(400);
	}

	@Test
	void pprofEndpointIsExposedAndServesACpuProfile() throws Exception {
		assertThat(get("/actuator/pprof").statusCode()).isEqualTo(200);
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/pprof/profile?seconds=1"))
			.GET()
			.build();
		HttpResponse<byte[]> profile = this.client.send(request, HttpResponse.BodyHandlers.ofByteArray());
		assertThat(profile.statusCode()).isEqualTo(200);
		assertThat(profile.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"profile\"");
		// gzip's magic bytes: the body is a gzip'd profile.proto.
		assertThat(profile.body()).startsWith((byte) 0x1f, (byte) 0x8b);
	}

	@Test
	void allocsShouldKeepTheRootsOfAlmostEveryStack() throws Exception {
		for (int i = 1; i <= 20; i++) {
			assertThat(get("/report?rows=2000").statusCode()).isEqualTo(200);
			assertThat(get("/orders/" + i).statusCode()).isEqualTo(200);
		}
		String text = get("/actuator/pprof/allocs?debug=1").body();
		// Go's text form: a record per sample, "inuse_objects: inuse_bytes [alloc_objects: alloc_bytes] @ ...",
		// then its frames. Spring's startup runs well over 64 frames deep, Flight Recorder's default depth: with
		// it, 40-49 % of the bytes allocated by this app were in stacks cut short at [truncated].
		Matcher record = Pattern.compile("(?m)^\\d+: \\d+ \\[\\d+: (\\d+)\\] @[^\\n]*\\n((?:#\\t[^\\n]*\\n)*)")
			.matcher(text);
		long allocated = 0;
		long truncated = 0;
		while (record.find()) {
			long bytes = Long.parseLong(record.group(1));
			allocated += bytes;
			if (record.group(2).contains("\t[truncated]")) {
				truncated += bytes;
			}
		}
		assertThat(allocated).as("alloc_space of the records").isPositive();
		assertThat((double) truncated / allocated).as("share of alloc_space in truncated stacks").isLessThan(0.05);
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).GET().build();
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}
}
