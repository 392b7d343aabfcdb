package dev.jvmpprof.scrape;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.util.FileSystemUtils;

import dev.jvmpprof.testing.Contention;
import dev.jvmpprof.testing.DecodedProfile;
import dev.jvmpprof.testing.GoTool;
import dev.jvmpprof.testing.HeapChurn;
import dev.jvmpprof.testing.HotLoop;
import dev.jvmpprof.testing.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Grafana Alloy's {@code pyroscope.scrape} and Parca's scraper replayed at once with their default schedules, paths,
 * headers and timeouts, against the endpoint on Go's layout (recipe c): every answer 200 within the scraper's
 * timeout, parsed by Go's own parser, and no (stack, labels) of a cumulative profile going down between two answers.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=pprof", "management.server.port=0",
				"management.endpoints.web.base-path=/", "management.endpoints.web.path-mapping.pprof=debug/pprof",
				"pprof.lock.always-on=true" })
class ScrapersReplayIntegrationTests {

	private static final Duration REPLAY = Duration.ofSeconds(60);

	private static final List<String> SNAPSHOTS = List.of("/debug/pprof/allocs", "/debug/pprof/goroutine",
			"/debug/pprof/block", "/debug/pprof/mutex");

	/** Alloy: every 15 s, timeout 10 s; CPU for the interval less a second, its timeout raised by as much. */
	private static final Scraper ALLOY = new Scraper("alloy", Duration.ofSeconds(15), Duration.ofSeconds(10),
			"/debug/pprof/profile?seconds=14", Duration.ofSeconds(24), "Alloy/v1.11.0 (linux)");

	/** Parca: every 10 s, timeout the interval plus 3 s; CPU for the interval. */
	private static final Scraper PARCA = new Scraper("parca", Duration.ofSeconds(10), Duration.ofSeconds(13),
			"/debug/pprof/profile?seconds=10", Duration.ofSeconds(13), "conprof/v0.24.0");

	@LocalManagementPort
	private int managementPort;

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void bothScrapersAtOnceShouldGetEveryProfileInTimeAndCumulativeProfilesShouldNeverGoDown() throws Exception {
		List<Scrape> scrapes = Collections.synchronizedList(new ArrayList<>());
		List<CompletableFuture<Void>> inFlight = Collections.synchronizedList(new ArrayList<>());
		ScheduledExecutorService schedule = Executors.newScheduledThreadPool(2);
		try (Contention contention = Contention.start(); HotLoop loop = HotLoop.start();
				HeapChurn churn = HeapChurn.start()) {
			for (Scraper scraper : List.of(ALLOY, PARCA)) {
				schedule.scheduleAtFixedRate(() -> {
					inFlight.add(scrape(scraper, scraper.cpuPath(), scraper.cpuTimeout(), scrapes));
					for (String path : SNAPSHOTS) {
						inFlight.add(scrape(scraper, path, scraper.timeout(), scrapes));
					}
				}, 0, scraper.interval().toMillis(), TimeUnit.MILLISECONDS);
			}
			Thread.sleep(REPLAY.toMillis());
			schedule.shutdown();
			assertThat(schedule.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
			CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
		}
		finally {
			schedule.shutdownNow();
		}
		assertThat(scrapes).hasSizeGreaterThanOrEqualTo(5 * (4 + 6));
		for (Scrape scrape : scrapes) {
			assertThat(scrape.status()).as("%s", scrape).isEqualTo(200);
			assertThat(scrape.elapsed()).as("%s", scrape).isLessThan(scrape.timeout());
			assertThat(scrape.contentType()).as("%s", scrape).startsWith("application/octet-stream");
		}
		Map<String, List<Scrape>> byScraperAndPath = scrapes.stream()
			.sorted((a, b) -> Long.compare(a.sentNanos(), b.sentNanos()))
			.collect(Collectors.groupingBy((scrape) -> scrape.scraper() + " " + scrape.path()));
		for (List<Scrape> answers : byScraperAndPath.values()) {
			assertParsedByGo(answers);
			String path = answers.get(0).path();
			// Cumulative: block and mutex, and allocs' first two values (alloc_objects, alloc_space; inuse_* is now).
			if (path.endsWith("/block") || path.endsWith("/mutex") || path.endsWith("/allocs")) {
				assertNeverDown(answers, 2);
			}
		}
	}

	private CompletableFuture<Void> scrape(Scraper scraper, String path, Duration timeout, List<Scrape> scrapes) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.managementPort + path))
			.timeout(timeout)
			.header("User-Agent", scraper.userAgent())
			.header("Accept-Encoding", "gzip")
			.GET()
			.build();
		long sent = System.nanoTime();
		return this.client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).handle((response, failure) -> {
			Duration elapsed = Duration.ofNanos(System.nanoTime() - sent);
			scrapes.add((response != null)
					? new Scrape(scraper.name(), path, timeout, sent, elapsed, response.statusCode(),
							response.headers().firstValue("Content-Type").orElse(""), response.body())
					: new Scrape(scraper.name(), path, timeout, sent, elapsed, 0, String.valueOf(failure), new byte[0]));
			return null;
		});
	}

	private static void assertParsedByGo(List<Scrape> answers) throws Exception {
		Path directory = Files.createTempDirectory("scrapes");
		try {
			for (int i = 0; i < answers.size(); i++) {
				Path file = directory.resolve(i + ".pb.gz");
				Files.write(file, answers.get(i).body());
				GoTool.Result raw = GoTool.pprof("-raw", file.toString());
				assertThat(raw.exitCode()).as("%s: %s", answers.get(i), raw.stderr()).isZero();
			}
		}
		finally {
			FileSystemUtils.deleteRecursively(directory);
		}
	}

	/** Between consecutive answers, every (stack, labels) keeps its values or grows them, as a scraper's delta needs. */
	private static void assertNeverDown(List<Scrape> answers, int values) {
		for (int i = 1; i < answers.size(); i++) {
			Map<String, long[]> before = DecodedProfile.decode(answers.get(i - 1).body()).valuesByStackAndLabels();
			Map<String, long[]> after = DecodedProfile.decode(answers.get(i).body()).valuesByStackAndLabels();
			for (Map.Entry<String, long[]> sample : before.entrySet()) {
				long[] later = after.getOrDefault(sample.getKey(), new long[values]);
				for (int v = 0; v < values; v++) {
					assertThat(later[v]).as("%s value %d at %s", answers.get(i), v, sample.getKey())
						.isGreaterThanOrEqualTo(sample.getValue()[v]);
				}
			}
		}
	}

	private record Scraper(String name, Duration interval, Duration timeout, String cpuPath, Duration cpuTimeout,
			String userAgent) {
	}

	private record Scrape(String scraper, String path, Duration timeout, long sentNanos, Duration elapsed, int status,
			String contentType, byte[] body) {

		@Override
		public String toString() {
			return this.scraper + " " + this.path + " " + this.status + " in " + this.elapsed.toMillis() + " ms ("
					+ this.contentType + ")";
		}

	}

}
