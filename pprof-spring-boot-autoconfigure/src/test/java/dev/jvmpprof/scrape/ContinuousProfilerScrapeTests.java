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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.jvmpprof.testing.Contention;
import dev.jvmpprof.testing.DecodedProfile;
import dev.jvmpprof.testing.GoTool;
import dev.jvmpprof.testing.TestApplication;
import dev.jvmpprof.testing.proto.ProfileProto.Label;
import dev.jvmpprof.testing.proto.ProfileProto.Sample;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Grafana Alloy's {@code pyroscope.scrape} and Parca, both at once, as their defaults scrape a Go service: their
 * schedules, paths, headers and timeouts, on Go's layout (recipe c of the README). Every answer must be a 200 within
 * the scraper's timeout that Go's own parser reads, and the cumulative profiles, of which the scrapers compute
 * deltas between consecutive answers, must never go down for any stack and labels.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=pprof", "management.endpoints.web.base-path=/",
				"management.endpoints.web.path-mapping.pprof=debug/pprof" })
class ContinuousProfilerScrapeTests {

	/** How long both scrapers run: four of Alloy's rounds and six of Parca's. */
	private static final Duration RUN = Duration.ofSeconds(62);

	// Alloy: every 15 s, timeout 10 s; the CPU profile lasts the interval less a second, its timeout raised as much.
	private static final Scraper ALLOY = new Scraper("Alloy", "Alloy/v1.9.0 (linux)", Duration.ofSeconds(15),
			List.of(new Target("/debug/pprof/profile?seconds=14", Duration.ofSeconds(24), false),
					new Target("/debug/pprof/allocs", Duration.ofSeconds(10), true),
					new Target("/debug/pprof/goroutine", Duration.ofSeconds(10), false),
					new Target("/debug/pprof/block", Duration.ofSeconds(10), true),
					new Target("/debug/pprof/mutex", Duration.ofSeconds(10), true)));

	// Parca: every 10 s, timeout the interval and 3 s; the CPU profile lasts the interval.
	private static final Scraper PARCA = new Scraper("Parca", "conprof/v0.24.0", Duration.ofSeconds(10),
			List.of(new Target("/debug/pprof/profile?seconds=10", Duration.ofSeconds(13), false),
					new Target("/debug/pprof/allocs", Duration.ofSeconds(13), true),
					new Target("/debug/pprof/goroutine", Duration.ofSeconds(13), false),
					new Target("/debug/pprof/block", Duration.ofSeconds(13), true),
					new Target("/debug/pprof/mutex", Duration.ofSeconds(13), true)));

	private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	private int port;

	@Test
	void alloyAndParcaShouldScrapeEveryProfileOnTheirDefaultSchedules(@TempDir Path directory) throws Exception {
		GoTool.go();
		List<Scrape> scrapes = Collections.synchronizedList(new ArrayList<>());
		ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(12);
		Thread allocating = new Thread(ContinuousProfilerScrapeTests::allocate, "allocating");
		allocating.setDaemon(true);
		allocating.start();
		try (Contention contention = Contention.start()) {
			for (Scraper scraper : List.of(ALLOY, PARCA)) {
				for (Target target : scraper.targets()) {
					scheduler.scheduleAtFixedRate(() -> scrapes.add(scrape(scraper, target)), 0,
							scraper.interval().toMillis(), TimeUnit.MILLISECONDS);
				}
			}
			Thread.sleep(RUN.toMillis());
			scheduler.shutdown();
			// A scrape under way finishes within its timeout.
			assertThat(scheduler.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			scheduler.shutdownNow();
			allocating.interrupt();
		}
		List<String> failures = new ArrayList<>();
		for (Scraper scraper : List.of(ALLOY, PARCA)) {
			long rounds = RUN.toNanos() / scraper.interval().toNanos();
			for (Target target : scraper.targets()) {
				long answered = scrapes.stream().filter((scrape) -> scrape.target() == target).count();
				if (answered < rounds) {
					// A scraper does not start a target's next scrape before the last one ends.
					failures.add(scraper.name() + " " + target.path() + ": " + answered + " scrapes in " + RUN.toSeconds()
							+ " s, not " + rounds);
				}
			}
		}
		Map<String, DecodedProfile> previous = new HashMap<>();
		int file = 0;
		for (Scrape scrape : scrapes.stream().sorted((a, b) -> Long.compare(a.startNanos(), b.startNanos())).toList()) {
			String what = scrape.scraper().name() + " " + scrape.target().path();
			if (scrape.elapsed().compareTo(scrape.target().timeout()) > 0) {
				failures.add(what + ": answered in " + scrape.elapsed().toMillis() + " ms, after the scraper's timeout");
				continue;
			}
			if (scrape.error() != null || scrape.status() != 200 || !scrape.contentType().startsWith("application/octet-stream")) {
				failures.add(what + ": " + ((scrape.error() != null) ? scrape.error() : scrape.status() + " "
						+ scrape.contentType() + " " + new String(scrape.body()).lines().findFirst().orElse("")));
				continue;
			}
			Path saved = Files.write(directory.resolve("scrape-" + (file++) + ".pb.gz"), scrape.body());
			GoTool.Result raw = GoTool.pprof("-raw", saved.toString());
			if (raw.exitCode() != 0) {
				failures.add(what + ": go tool pprof -raw: " + raw.stderr());
				continue;
			}
			if (scrape.target().cumulative()) {
				DecodedProfile profile = DecodedProfile.decode(scrape.body());
				DecodedProfile before = previous.put(what, profile);
				if (before != null) {
					failures.addAll(decreases(what, before, profile));
				}
			}
		}
		assertThat(failures).isEmpty();
	}

	/** Steady allocation, about 10 MB a second, so that every {@code allocs} answer has grown. */
	private static void allocate() {
		List<byte[]> kept = new ArrayList<>();
		while (!Thread.currentThread().isInterrupted()) {
			kept.add(new byte[1024]);
			if (kept.size() == 1000) {
				kept = new ArrayList<>();
				try {
					Thread.sleep(100);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}
	}

	private Scrape scrape(Scraper scraper, Target target) {
		long start = System.nanoTime();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + target.path()))
			.timeout(target.timeout())
			.header("User-Agent", scraper.userAgent())
			.header("Accept-Encoding", "gzip")
			.GET()
			.build();
		// The scrapers' timeout bounds the whole exchange, body included, as a Go context deadline does.
		CompletableFuture<HttpResponse<byte[]>> exchange = CLIENT.sendAsync(request,
				HttpResponse.BodyHandlers.ofByteArray());
		try {
			HttpResponse<byte[]> response = exchange.get(target.timeout().toMillis(), TimeUnit.MILLISECONDS);
			return new Scrape(scraper, target, start, Duration.ofNanos(System.nanoTime() - start), response.statusCode(),
					response.headers().firstValue("Content-Type").orElse(""), response.body(), null);
		}
		catch (Exception ex) {
			exchange.cancel(true);
			return new Scrape(scraper, target, start, Duration.ofNanos(System.nanoTime() - start), 0, "", new byte[0],
					(ex instanceof TimeoutException) ? "no answer within the scraper's timeout" : ex.toString());
		}
	}

	/**
	 * Every (stack, labels) of the earlier answer must be at least as large now in each cumulative value: all of
	 * {@code block} and {@code mutex}, the {@code alloc_*} values of {@code allocs} ({@code inuse_*} is the heap now).
	 */
	private static List<String> decreases(String what, DecodedProfile before, DecodedProfile after) {
		Map<String, List<Long>> now = values(after);
		List<String> decreases = new ArrayList<>();
		values(before).forEach((key, earlier) -> {
			List<Long> later = now.get(key);
			for (int i = 0; i < earlier.size(); i++) {
				if (before.sampleTypes().get(i).startsWith("inuse_")) {
					continue;
				}
				long value = (later != null) ? later.get(i) : 0;
				if (value < earlier.get(i)) {
					decreases.add(what + ": " + before.sampleTypes().get(i) + " went from " + earlier.get(i) + " to "
							+ value + " at " + key);
				}
			}
		});
		return decreases;
	}

	private static Map<String, List<Long>> values(DecodedProfile profile) {
		Map<String, List<Long>> values = new HashMap<>();
		for (Sample sample : profile.proto().getSampleList()) {
			TreeSet<String> labels = new TreeSet<>();
			for (Label label : sample.getLabelList()) {
				labels.add(profile.string(label.getKey()) + "="
						+ ((label.getStr() != 0) ? profile.string(label.getStr()) : Long.toString(label.getNum())));
			}
			String key = profile.frames(sample) + " " + labels;
			List<Long> sum = values.computeIfAbsent(key, (k) -> new ArrayList<>(Collections.nCopies(sample.getValueCount(), 0L)));
			for (int i = 0; i < sample.getValueCount(); i++) {
				sum.set(i, sum.get(i) + sample.getValue(i));
			}
		}
		return values;
	}

	record Scraper(String name, String userAgent, Duration interval, List<Target> targets) {
	}

	record Target(String path, Duration timeout, boolean cumulative) {
	}

	record Scrape(Scraper scraper, Target target, long startNanos, Duration elapsed, int status, String contentType,
			byte[] body, String error) {
	}

}
