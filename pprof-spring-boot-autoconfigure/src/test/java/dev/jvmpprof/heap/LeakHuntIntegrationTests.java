package dev.jvmpprof.heap;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.jvmpprof.testing.DecodedProfile;
import dev.jvmpprof.testing.GoTool;
import dev.jvmpprof.testing.LeakingService;
import dev.jvmpprof.testing.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The hunt for a memory leak as a user runs it: two {@code heap?gc=1} answers some 40 MiB of leak apart, compared
 * with the real {@code go tool pprof -diff_base}, on a service that leaks 1 MiB a second beside a bounded 64 MiB
 * cache that replaces itself every four seconds and 64 MiB a second of garbage ({@link LeakingService}); and the
 * same with two plain {@code heap} answers, what a continuous profiler scrapes, whose old generation's garbage is
 * found by a marking that each answer asks for ({@link MarkingCensus}).
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "management.endpoints.web.exposure.include=pprof")
// The leak with gc=1 first, in the JVM whose leak profiler has kept the fewest old objects: with a minute more of leak
// it takes new live samples more seldom (BENCHMARKS.md, "Leak hunt").
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LeakHuntIntegrationTests {

	private static final long MIB = 1024 * 1024;

	private static final Pattern TOP_LINE = Pattern
		.compile("^\\s*-?[0-9.]+(?:[kMGT]?B)?\\s+\\S+\\s+\\S+\\s+(-?[0-9.]+)([kMGT]?B)?\\s+\\S+\\s+(\\S.*?)\\s*$",
				Pattern.MULTILINE);

	@LocalServerPort
	private int port;

	@TempDir
	private Path directory;

	@Test
	@Order(1)
	void diffOfTwoHeapAnswersWithGcShouldShowTheLeakGrownByWhatItLeakedAndTheCacheNot() throws Exception {
		Path base = this.directory.resolve("base.pb.gz");
		Path later = this.directory.resolve("later.pb.gz");
		long leaked = leakBetween(base, later, "heap?gc=1", null);
		assertLeakFound(base, later, leaked, 0.8, 1.25, 0.1, false);
	}

	@Test
	@Order(2)
	void diffOfTwoPlainHeapAnswersShouldShowTheLeakGrownAndTheCacheNotAndTheirTotalTheLiveHeap() throws Exception {
		Path base = this.directory.resolve("base.pb.gz");
		Path later = this.directory.resolve("later.pb.gz");
		Path exact = this.directory.resolve("exact.pb.gz");
		long leaked = leakBetween(base, later, "heap", exact);
		double total = DecodedProfile.decode(Files.readAllBytes(later)).total(3);
		double live = DecodedProfile.decode(Files.readAllBytes(exact)).total(3);
		System.out.printf("Leak hunt: the later plain answer's in-use total is %.2fx of the live heap%n", total / live);
		assertThat(total / live).as("plain answer's in-use total (%.1f MiB), to the live heap a full collection "
				+ "found right after (%.1f MiB)", total / MIB, live / MIB)
			.isBetween(0.67, 1.5);
		// The leak's growth at its site, or as not sampled where the leak profiler kept no new sample of it (once in
		// about ten runs here: it keeps new samples seldom in a JVM that has run other tests), never at another site;
		// the cache not taken for a leak.
		assertLeakFound(base, later, leaked, 0.67, 1.5, 0.25, true);
	}

	/**
	 * Runs the leaking service and takes {@code profile} into {@code base} and, 40 MiB of leak later, into
	 * {@code later}, then {@code heap?gc=1} into {@code exactAfter} where given.
	 * @return the bytes leaked between the two answers
	 */
	private long leakBetween(Path base, Path later, String profile, Path exactAfter) throws Exception {
		try (LeakingService service = LeakingService.start()) {
			// A leak is hunted in a service that has run for a while: its objects have been sampled by then.
			await().atMost(Duration.ofMinutes(2)).until(() -> service.leakedBytes() >= 10 * MIB);
			long atBase = fetchHeap(base, profile, service);
			await().atMost(Duration.ofMinutes(3)).until(() -> service.leakedBytes() >= atBase + 40 * MIB);
			long leaked = fetchHeap(later, profile, service) - atBase;
			if (exactAfter != null) {
				fetchHeap(exactAfter, "heap?gc=1");
			}
			return leaked;
		}
	}

	private void assertLeakFound(Path base, Path later, long leaked, double leakLow, double leakHigh,
			double cacheShare, boolean orNotSampled) throws Exception {
		GoTool.Result diff = GoTool.pprof("-top", "-cum", "-nodecount=1000", "-sample_index=inuse_space",
				"-diff_base", base.toString(), later.toString());
		assertThat(diff.exitCode()).as(diff.stderr()).isZero();
		double leakGrowth = cumulativeBytes(diff.stdout(), "dev.jvmpprof.testing.LeakingService.leak");
		double cacheGrowth = cumulativeBytes(diff.stdout(), "dev.jvmpprof.testing.LeakingService.cache");
		double notSampledGrowth = cumulativeBytes(diff.stdout(), HeapProfileBuilder.NOT_SAMPLED);
		System.out.printf("Leak hunt: the leak grew by %.2fx of the %d MiB leaked, not sampled by %+.1f MiB, the cache "
				+ "by %+.1f MiB%n", leakGrowth / leaked, leaked / MIB, notSampledGrowth / MIB, cacheGrowth / MIB);
		double found = leakGrowth + (orNotSampled ? notSampledGrowth : 0);
		assertThat(found / leaked).as("growth at the leaking site%s, to what it leaked (%d MiB)\n%s",
				orNotSampled ? " and not sampled" : "", leaked / MIB, diff.stdout())
			.isBetween(leakLow, leakHigh);
		assertThat(Math.abs(cacheGrowth)).as("change at the bounded cache, of its 64 MiB\n%s", diff.stdout())
			.isLessThan(cacheShare * LeakingService.CACHE_CHUNKS * 64 * 1024);
	}

	/**
	 * Fetches a heap profile into {@code file}; a plain one until it is as of a marking, as two answers to compare
	 * must be: a census that does not complete in time (a loaded machine, a large heap) leaves its answer as of the
	 * last collection, as its comment says.
	 * @return the bytes leaked when the answer was taken
	 */
	private long fetchHeap(Path file, String profile, LeakingService service) throws Exception {
		AtomicLong leakedAt = new AtomicLong();
		await().atMost(Duration.ofMinutes(1)).pollDelay(Duration.ZERO).until(() -> {
			leakedAt.set(service.leakedBytes());
			fetchHeap(file, profile);
			String comments = String.join("\n", DecodedProfile.decode(Files.readAllBytes(file)).comments());
			boolean asOfMarking = !profile.equals("heap") || comments.contains("old-generation marking");
			if (!asOfMarking) {
				System.out.println("Leak hunt: an answer not as of a marking, asked again: " + comments);
			}
			return asOfMarking;
		});
		return leakedAt.get();
	}

	/**
	 * Fetches a heap profile with {@code go tool pprof}, as a user does, into {@code file}.
	 */
	private void fetchHeap(Path file, String profile) throws Exception {
		GoTool.Result fetch = GoTool.pprof("-proto", "-output", file.toString(),
				"http://localhost:" + this.port + "/actuator/pprof/" + profile);
		assertThat(fetch.exitCode()).as(fetch.stderr()).isZero();
	}

	/**
	 * Reads a function's cumulative value from {@code -top -cum}, as pprof prints bytes (powers of 1024).
	 */
	private static double cumulativeBytes(String top, String function) {
		Matcher line = TOP_LINE.matcher(top);
		while (line.find()) {
			if (line.group(3).equals(function)) {
				return Double.parseDouble(line.group(1)) * unit(line.group(2));
			}
		}
		return 0;
	}

	private static double unit(String unit) {
		return switch ((unit != null) ? unit : "B") {
			case "kB" -> 1024.0;
			case "MB" -> 1024.0 * 1024;
			case "GB" -> 1024.0 * 1024 * 1024;
			case "TB" -> 1024.0 * 1024 * 1024 * 1024;
			default -> 1;
		};
	}

}
