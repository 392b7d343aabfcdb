package dev.jvmpprof.benchmarks.threads;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

import dev.jvmpprof.benchmarks.load.SampleApp;
import dev.jvmpprof.benchmarks.JmhRuns;
import dev.jvmpprof.benchmarks.load.Workspace;
import dev.jvmpprof.benchmarks.load.Wrk;
import dev.jvmpprof.benchmarks.report.Ratio;
import dev.jvmpprof.benchmarks.report.Table;

/**
 * Part 3: the thread profile against the actuator's own thread dump on the same app with many idle pool threads:
 * bytes of one answer, and latency under wrk with one connection, in pairs alternating which goes first.
 */
public final class ThreadProfileComparison {

	private static final List<Integer> THREAD_COUNTS = List.of(200, 5000);

	private static final Duration RUN = Duration.ofSeconds(Integer.getInteger("benchmarks.threads.seconds", 5));

	private static final int PAIRS = Integer.getInteger("benchmarks.threads.pairs", 3);

	private ThreadProfileComparison() {
	}

	/**
	 * One way to ask for every thread's stack.
	 *
	 * @param name as shown in the table
	 * @param path the endpoint's path and query
	 * @param accept the Accept header
	 */
	record Dump(String name, String path, String accept) {
	}

	public static void run(Workspace workspace) throws Exception {
		List<Dump[]> comparisons = List.of(
				new Dump[] { new Dump("`goroutine` (pprof)", "/actuator/pprof/goroutine", "*/*"),
						new Dump("`threaddump` (JSON)", "/actuator/threaddump", "application/json") },
				new Dump[] { new Dump("`goroutine?debug=2` (text)", "/actuator/pprof/goroutine?debug=2", "*/*"),
						new Dump("`threaddump` (text)", "/actuator/threaddump", "text/plain") });
		Table table = new Table("Thread profile against the actuator's thread dump (wrk, 1 connection, " + PAIRS
				+ " pairs of " + RUN.toSeconds() + " s runs)", "idle threads", "ours", "theirs", "bytes ours",
				"bytes theirs (gzip'd)", "size: theirs / ours", "mean ms ours / theirs",
				"latency: ours / theirs, mean", "p99");
		for (int threads : THREAD_COUNTS) {
			try (SampleApp app = SampleApp.startJar(workspace.sampleAppJar(), List.of("-Xmx1g"),
					List.of("--sample.idle-threads=" + threads,
							"--management.endpoints.web.exposure.include=health,pprof,threaddump"),
					workspace.log("threads-" + threads))) {
				for (Dump[] pair : comparisons) {
					compare(app, threads, pair[0], pair[1], table);
				}
			}
		}
		table.note("Bytes are one answer as served (HTTP compression is off by default; the pprof form is gzip'd "
				+ "by itself); the thread dump's gzip'd size is in brackets. Latency ratio below 1 means ours is "
				+ "faster: the median of the pairs, with the lowest and highest pair in brackets.");
		table.publish(workspace.target().resolve("results/threads.md"));
		dumpCost().publish(workspace.target().resolve("results/threads.md"));
	}

	private static Table dumpCost() throws Exception {
		Map<String, Result<?>> results = new HashMap<>();
		for (RunResult result : JmhRuns.run(ThreadDumpBenchmark.class)) {
			String method = result.getParams().getBenchmark();
			results.put(method.substring(method.lastIndexOf('.') + 1) + "/" + result.getParams().getParam("threads"),
					result.getPrimaryResult());
		}
		Table table = new Table("The JVM's thread dump, the first step of both (JMH, " + JmhRuns.forks() + " forks)",
				"idle threads", "with locks (ms)", "without locks (ms)", "Thread.getAllStackTraces (ms)",
				"without / with locks");
		for (int threads : THREAD_COUNTS) {
			Result<?> with = results.get("withLocks/" + threads);
			Result<?> without = results.get("withoutLocks/" + threads);
			Result<?> all = results.get("allStackTraces/" + threads);
			table.row(String.format(Locale.ROOT, "%,d", threads), format(with), format(without), format(all),
					Ratio.ofMeans(without.getScore(), without.getScoreError(), with.getScore(), with.getScoreError()));
		}
		table.note("With locks is ThreadMXBean.dumpAllThreads(true, true), what both endpoints call today; the "
				+ "pprof form (debug=0) and the grouped text (debug=1) do not print locks.");
		return table;
	}

	private static String format(Result<?> result) {
		return String.format(Locale.ROOT, "%.2f ± %.2f", result.getScore(), result.getScoreError());
	}

	private static void compare(SampleApp app, int threads, Dump ours, Dump theirs, Table table) throws Exception {
		System.out.printf("Threads: %s against %s with %d idle threads%n", ours.name(), theirs.name(), threads);
		byte[] oursBody = get(app.uri(ours.path()), ours.accept());
		byte[] theirsBody = get(app.uri(theirs.path()), theirs.accept());
		List<Double> meanRatios = new ArrayList<>();
		List<Double> p99Ratios = new ArrayList<>();
		List<Double> oursMeans = new ArrayList<>();
		List<Double> theirsMeans = new ArrayList<>();
		long errors = 0;
		for (int pair = 0; pair < PAIRS; pair++) {
			Wrk.Result oursResult = null;
			Wrk.Result theirsResult = null;
			for (int turn = 0; turn < 2; turn++) {
				if ((turn == 0) == (pair % 2 == 0)) {
					oursResult = wrk(ours).run(app.uri(ours.path()));
				}
				else {
					theirsResult = wrk(theirs).run(app.uri(theirs.path()));
				}
			}
			errors += oursResult.errors() + theirsResult.errors();
			meanRatios.add(oursResult.meanMillis() / theirsResult.meanMillis());
			p99Ratios.add(oursResult.p99Millis() / theirsResult.p99Millis());
			oursMeans.add(oursResult.meanMillis());
			theirsMeans.add(theirsResult.meanMillis());
		}
		if (errors > 0) {
			throw new IOException(errors + " requests failed while comparing " + ours + " and " + theirs);
		}
		table.row(String.format(Locale.ROOT, "%,d", threads), ours.name(), theirs.name(),
				String.format(Locale.ROOT, "%,d", oursBody.length),
				String.format(Locale.ROOT, "%,d (%,d)", theirsBody.length, gzipped(theirsBody)),
				String.format(Locale.ROOT, "%.1f", (double) theirsBody.length / oursBody.length),
				String.format(Locale.ROOT, "%.1f / %.1f", Ratio.median(oursMeans), Ratio.median(theirsMeans)),
				Ratio.ofPairs(meanRatios), Ratio.ofPairs(p99Ratios));
	}

	private static Wrk wrk(Dump dump) {
		return Wrk.of(1, 1, RUN).withHeader("Accept: " + dump.accept());
	}

	private static byte[] get(URI uri, String accept) throws IOException, InterruptedException {
		HttpResponse<byte[]> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(uri).header("Accept", accept).build(), HttpResponse.BodyHandlers.ofByteArray());
		if (response.statusCode() != 200) {
			throw new IOException(uri + " answered " + response.statusCode() + ": " + new String(response.body()));
		}
		return response.body();
	}

	private static int gzipped(byte[] body) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
			gzip.write(body);
		}
		return out.size();
	}

}
