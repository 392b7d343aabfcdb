package dev.jvmpprof.benchmarks.encoding;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import dev.jvmpprof.benchmarks.load.Workspace;
import dev.jvmpprof.benchmarks.report.Ratio;
import dev.jvmpprof.benchmarks.report.Table;

/**
 * Part 1: records the files once, runs {@link EncodingBenchmark} in several forks with JMH's allocation profiler,
 * and reports time, allocation and size per sample as ratios against async-profiler's converter.
 */
public final class EncodingComparison {

	private static final String[] ENCODERS = { "ours", "oursJdkReader", "asyncProfiler", "asyncProfilerThreads" };

	private EncodingComparison() {
	}

	public static void run(Workspace workspace) throws Exception {
		Recordings recordings = new Recordings(workspace);
		recordings.ensure();
		int forks = Integer.getInteger("benchmarks.forks", 3);
		Options options = new OptionsBuilder().include(EncodingBenchmark.class.getName() + "\\.")
			.forks(forks)
			.warmupIterations(Integer.getInteger("benchmarks.warmups", 3))
			.warmupTime(TimeValue.seconds(2))
			.measurementIterations(Integer.getInteger("benchmarks.iterations", 5))
			.measurementTime(TimeValue.seconds(2))
			.addProfiler(GCProfiler.class)
			.jvmArgsAppend("-Xms1g", "-Xmx1g", "-Dbenchmarks.root=" + workspace.root())
			.shouldFailOnError(true)
			.build();
		Collection<RunResult> results = new Runner(options).run();
		Map<String, RunResult> byName = new HashMap<>();
		for (RunResult result : results) {
			String method = result.getParams().getBenchmark();
			method = method.substring(method.lastIndexOf('.') + 1);
			byName.put(result.getParams().getParam("recording") + "/" + method, result);
		}
		Table table = new Table("Encoding: one recording to a gzip'd pprof profile (JMH, " + forks + " forks)",
				"recording", "encoder", "ms per profile ± 99.9% CI", "µs per event", "bytes allocated per event",
				"bytes out", "speed: theirs' time / ours", "size: ours / theirs");
		for (Recordings.Recording recording : Recordings.Recording.values()) {
			Path file = recordings.file(recording);
			Recordings.Count count = Recordings.count(file, recording);
			RunResult ours = byName.get(recording + "/ours");
			long oursBytes = bytes(recording, file, "ours");
			for (String encoder : ENCODERS) {
				RunResult result = byName.get(recording + "/" + encoder);
				Result<?> time = result.getPrimaryResult();
				long outBytes = bytes(recording, file, encoder);
				boolean isOurs = encoder.equals("ours");
				Ratio speed = Ratio.ofMeans(time.getScore(), time.getScoreError(), ours.getPrimaryResult().getScore(),
						ours.getPrimaryResult().getScoreError());
				table.row(String.format(Locale.ROOT, "%s (%,d events, %,d samples, %,d KiB)", recording.name()
						.toLowerCase(Locale.ROOT), count.events(), count.samples(), Files.size(file) / 1024), label(encoder),
						String.format(Locale.ROOT, "%.1f ± %.1f", time.getScore(), time.getScoreError()),
						String.format(Locale.ROOT, "%.2f", time.getScore() * 1000 / count.events()),
						String.format(Locale.ROOT, "%.0f", allocation(result) / count.events()),
						String.format(Locale.ROOT, "%,d", outBytes), isOurs ? "1" : speed.toString(),
						isOurs ? "1" : String.format(Locale.ROOT, "%.2f", (double) oursBytes / outBytes));
			}
		}
		table.note("Speed above 1 means ours is faster; the range comes from both 99.9% confidence intervals. "
				+ "Size below 1 means ours is smaller. Ours gzips at the fastest level, as Go's runtime does; "
				+ "async-profiler's at the default level, as jfrconv does.");
		table.note("Ours carries per sample two values (count, nanoseconds), a thread label (and the thread state "
				+ "on wall), and per function a file name and a line; async-profiler's carries one value and, with "
				+ "--threads only, the thread label.");
		table.publish(workspace.target().resolve("results/encoding.md"));
	}

	private static long bytes(Recordings.Recording recording, Path file, String encoder) throws Exception {
		CountingOutputStream out = new CountingOutputStream();
		switch (encoder) {
			case "ours" -> Encoders.ours(recording, file, out);
			case "oursJdkReader" -> Encoders.oursJdkReader(recording, file, out);
			case "asyncProfiler" -> Encoders.asyncProfiler(file, false, out);
			default -> Encoders.asyncProfiler(file, true, out);
		}
		return out.count();
	}

	private static double allocation(RunResult result) {
		for (Map.Entry<String, Result> entry : result.getSecondaryResults().entrySet()) {
			if (entry.getKey().endsWith("gc.alloc.rate.norm")) {
				return entry.getValue().getScore();
			}
		}
		return Double.NaN;
	}

	static String label(String encoder) {
		return switch (encoder) {
			case "ours" -> "ours";
			case "oursJdkReader" -> "ours, read with the JDK's jdk.jfr.consumer (before)";
			case "asyncProfiler" -> "async-profiler JfrToPprof";
			default -> "async-profiler JfrToPprof --threads";
		};
	}

}
