package dev.jvmpprof.actuate;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.jvmpprof.profile.ProfileName;
import dev.jvmpprof.testing.Http;
import dev.jvmpprof.testing.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hundreds of mixed requests, good and bad, several at a time: afterwards threads, file descriptors, heap and
 * temporary files are back where they were.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "management.endpoints.web.exposure.include=pprof")
class PprofSoakIntegrationTests {

	private static final Path TMP = Path.of(System.getProperty("java.io.tmpdir"));

	@LocalServerPort
	private int port;

	@Test
	void mixedRequestsShouldLeaveNothingBehind() throws Exception {
		List<String> paths = requests();
		// Warm up once, so that lazily created pools and loaded classes are part of the baseline.
		for (String path : paths) {
			Http.get(url(path));
		}
		Instant start = Instant.now();
		Baseline before = Baseline.take();
		ExecutorService clients = Executors.newFixedThreadPool(4);
		try {
			Random random = new Random(42);
			// Statuses only: the bodies (a trace is megabytes) would count as heap the server kept.
			List<Future<Integer>> statuses = new ArrayList<>();
			for (int i = 0; i < 200; i++) {
				String path = paths.get(random.nextInt(paths.size()));
				statuses.add(clients.submit(() -> Http.get(url(path)).statusCode()));
			}
			for (Future<Integer> status : statuses) {
				// Never an internal error; 503 is a profile switched off, 501 one this version does not serve.
				assertThat(status.get(60, TimeUnit.SECONDS)).isIn(200, 400, 404, 429, 501, 503);
			}
		}
		finally {
			clients.shutdown();
			assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
		}
		Baseline after = Baseline.settle(before);
		assertThat(after.threads()).as("live threads").isLessThanOrEqualTo(before.threads() + 4);
		assertThat(after.fileDescriptors()).as("open file descriptors").isLessThanOrEqualTo(before.fileDescriptors() + 8);
		// About 2 MB is seen (caches of distinct stacks and sites, loaded classes); a profile kept per request
		// would be tens.
		assertThat(after.heapBytes()).as("heap after GC").isLessThan(before.heapBytes() + 16 * 1024 * 1024);
		assertThat(leftoverFiles(start)).as("temporary files left behind").isEmpty();
	}

	private List<String> requests() {
		List<String> paths = new ArrayList<>(List.of("", "/cmdline", "/symbol", "/nosuch", "/profile?seconds=0",
				"/profile?seconds=abc", "/profile?seconds=1&seconds=2", "/profile?seconds=99999", "/heap?debug=9",
				"/goroutine?seconds=1&debug=1", "/..%2Fsecret"));
		for (ProfileName name : ProfileName.values()) {
			if (name != ProfileName.CMDLINE && name != ProfileName.SYMBOL) {
				paths.add("/" + name.value() + "?seconds=1");
				paths.add("/" + name.value());
			}
		}
		// A profile without seconds waits its default 30 s: keep only the instant ones.
		paths.removeIf((path) -> Stream.of("/profile", "/wall", "/trace").anyMatch(path::equals));
		return paths;
	}

	private String url(String path) {
		return "http://localhost:" + this.port + "/actuator/pprof" + path;
	}

	private static List<Path> leftoverFiles(Instant since) throws IOException {
		try (Stream<Path> files = Files.list(TMP)) {
			return files.filter((file) -> {
				String name = file.getFileName().toString();
				return (name.startsWith("pprof-") || name.startsWith("libasyncProfiler") || name.endsWith(".jfr"))
						&& isNewerThan(file, since);
			}).toList();
		}
	}

	private static boolean isNewerThan(Path file, Instant since) {
		try {
			return Files.getLastModifiedTime(file).toInstant().isAfter(since);
		}
		catch (IOException ex) {
			return false;
		}
	}

	private record Baseline(int threads, long fileDescriptors, long heapBytes) {

		static Baseline take() throws IOException {
			System.gc();
			long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
			long fds;
			try (Stream<Path> open = Files.list(Path.of("/proc/self/fd"))) {
				fds = open.count();
			}
			return new Baseline(Thread.activeCount(), fds, heap);
		}

		/** Waits a little for idle pool threads and sockets to wind down, as they do on their own. */
		static Baseline settle(Baseline before) throws Exception {
			Baseline now = take();
			for (int i = 0; i < 20 && (now.threads > before.threads + 4 || now.fileDescriptors > before.fileDescriptors + 8); i++) {
				Thread.sleep(500);
				now = take();
			}
			return now;
		}

	}

}
