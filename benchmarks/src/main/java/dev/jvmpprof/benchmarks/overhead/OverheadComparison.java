package dev.jvmpprof.benchmarks.overhead;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.jvmpprof.benchmarks.load.ProfileLoop;
import dev.jvmpprof.benchmarks.load.SampleApp;
import dev.jvmpprof.benchmarks.load.Workspace;
import dev.jvmpprof.benchmarks.load.Wrk;
import dev.jvmpprof.benchmarks.report.Ratio;
import dev.jvmpprof.benchmarks.report.Table;

/**
 * Part 2: what profiling costs a service while it samples. wrk drives one endpoint of the sample app in paired
 * runs, one with a profile requested back to back for the whole run and one without, alternating which goes first;
 * each pair gives a throughput ratio and a p99 latency ratio.
 */
public final class OverheadComparison {

	private static final Duration RUN = Duration.ofSeconds(Integer.getInteger("benchmarks.overhead.seconds", 8));

	private static final int PAIRS = Integer.getInteger("benchmarks.overhead.pairs", 4);

	// Long enough for the JIT to finish with the endpoint, so that the first run of a pair is not the slower one.
	private static final Duration WARM_UP = Duration.ofSeconds(15);

	private static final int CONNECTIONS = 8;

	private OverheadComparison() {
	}

	/**
	 * A profile taken while one kind of request is served.
	 *
	 * @param profile the profile, as requested
	 * @param load the path wrk requests
	 * @param reservations whether throughput is the reservations the lock endpoint reports rather than requests
	 */
	record Scenario(String profile, String load, boolean reservations) {
	}

	public static void run(Workspace workspace) throws Exception {
		List<Scenario> scenarios = List.of(new Scenario("profile?seconds=5", "/primes?limit=20000", false),
				new Scenario("profile?seconds=5", "/report?rows=2000", false),
				new Scenario("block?seconds=5", "/inventory/reserve?threads=4", true),
				new Scenario("mutex?seconds=5", "/inventory/reserve?threads=4", true));
		Path reservations = workspace.extract("wrk/reservations.lua");
		Table table = new Table("Overhead while profiling (wrk, " + PAIRS + " pairs of " + RUN.toSeconds()
				+ " s runs, " + CONNECTIONS + " connections)", "profile requested back to back", "load",
				"throughput without", "throughput ratio with / without", "p99 without (ms)", "p99 ratio with / without",
				"profiles answered (failed)", "wrk errors");
		try (SampleApp app = SampleApp.startJar(workspace.sampleAppJar(), List.of("-Xms512m", "-Xmx512m"), List.of(),
				workspace.log("overhead"))) {
			for (Scenario scenario : scenarios) {
				Wrk wrk = Wrk.of(2, scenario.reservations() ? 2 : CONNECTIONS, RUN);
				if (scenario.reservations()) {
					wrk = wrk.withScript(reservations);
				}
				System.out.printf("Overhead: %s under %s%n", scenario.profile(), scenario.load());
				Wrk.of(2, CONNECTIONS, WARM_UP).run(app.uri(scenario.load()));
				List<Double> throughputRatios = new ArrayList<>();
				List<Double> p99Ratios = new ArrayList<>();
				List<Double> baseThroughput = new ArrayList<>();
				List<Double> baseP99 = new ArrayList<>();
				int answered = 0;
				int failed = 0;
				long errors = 0;
				for (int pair = 0; pair < PAIRS; pair++) {
					Wrk.Result without = null;
					Wrk.Result with = null;
					for (int turn = 0; turn < 2; turn++) {
						boolean profiling = (turn == 0) == (pair % 2 == 1);
						if (profiling) {
							try (ProfileLoop loop = ProfileLoop.start(app.uri("/actuator/pprof/" + scenario.profile()))) {
								with = wrk.run(app.uri(scenario.load()));
								loop.close();
								answered += loop.answered();
								failed += loop.failed();
							}
						}
						else {
							without = wrk.run(app.uri(scenario.load()));
						}
					}
					errors += without.errors() + with.errors();
					double throughputWithout = throughput(without, scenario);
					throughputRatios.add(throughput(with, scenario) / throughputWithout);
					p99Ratios.add(with.p99Millis() / without.p99Millis());
					baseThroughput.add(throughputWithout);
					baseP99.add(without.p99Millis());
					System.out.printf(Locale.ROOT, "  pair %d: throughput %.1f -> %.1f, p99 %.1f ms -> %.1f ms%n", pair,
							throughputWithout, throughput(with, scenario), without.p99Millis(), with.p99Millis());
				}
				table.row("`" + scenario.profile() + "`", "`" + scenario.load() + "`",
						String.format(Locale.ROOT, "%.0f %s", Ratio.median(baseThroughput),
								scenario.reservations() ? "reservations/s" : "requests/s"),
						Ratio.ofPairs(throughputRatios),
						String.format(Locale.ROOT, "%.1f", Ratio.median(baseP99)), Ratio.ofPairs(p99Ratios),
						answered + " (" + failed + ")", errors);
			}
		}
		table.note("Ratios are the median of the pairs, with the lowest and highest pair in brackets. Throughput "
				+ "ratio 1 means no cost; p99 ratio above 1 means slower. On the lock endpoint each request holds "
				+ "its threads for a fixed 200 ms, so throughput is the reservations done and its p99 is about "
				+ "thread start-up, not lock waits.");
		table.publish(workspace.target().resolve("results/overhead.md"));
	}

	private static double throughput(Wrk.Result result, Scenario scenario) throws java.io.IOException {
		if (scenario.reservations()) {
			return result.scriptValue("reservations") / RUN.toSeconds();
		}
		return result.requestsPerSecond();
	}

}
