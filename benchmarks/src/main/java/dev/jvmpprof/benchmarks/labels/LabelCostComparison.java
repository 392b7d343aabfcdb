package dev.jvmpprof.benchmarks.labels;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.openjdk.jmh.results.RunResult;

import dev.jvmpprof.benchmarks.JmhRuns;
import dev.jvmpprof.benchmarks.load.Workspace;
import dev.jvmpprof.benchmarks.report.Table;

/**
 * Part 6: what request labels cost per request, with and without a profile running ({@link RequestLabelsBenchmark}).
 */
public final class LabelCostComparison {

	private LabelCostComparison() {
	}

	public static void run(Workspace workspace) throws Exception {
		Map<String, double[]> results = new HashMap<>();
		for (RunResult result : JmhRuns.run(RequestLabelsBenchmark.class)) {
			String method = result.getParams().getBenchmark();
			results.put(method.substring(method.lastIndexOf('.') + 1) + "/" + result.getParams().getParam("mode"),
					iterations(result));
		}
		double[] without = results.get("request/without");
		Table table = new Table("Request labels: one request's observation (JMH, " + JmhRuns.forks() + " forks)", "",
				"ns per request, median (fastest–slowest iteration)", "added by labels (ns)");
		table.row("without our handler", format(without), "");
		for (String mode : new String[] { "labels", "labels-while-profiling" }) {
			double[] with = results.get("request/" + mode);
			table.row(mode.equals("labels") ? "with labels, no profile running" : "with labels, a profile running",
					format(with), String.format(Locale.ROOT, "%.0f", median(with) - median(without)));
		}
		table.row("a `PprofLabels.run` block, no profile running", format(results.get("pprofLabelsRun/without")), "");
		table.row("a `PprofLabels.run` block, a profile running",
				format(results.get("pprofLabelsRun/labels-while-profiling")), "");
		table.note("A request here is the framework's observation alone (start, scope, stop) with one handler that "
				+ "does nothing standing for metrics: the smallest request there is, so the added nanoseconds are the "
				+ "whole cost. While profiling, the capture is renewed every "
				+ String.format(Locale.ROOT, "%,d", RequestLabelsBenchmark.REQUESTS_PER_PROFILE) + " requests.");
		table.publish(workspace.target().resolve("results/labels.md"));
	}

	// Medians rather than means: on a shared machine a few iterations stall on others' work, and a mean follows them.
	private static double[] iterations(RunResult result) {
		return result.getBenchmarkResults()
			.stream()
			.flatMap((fork) -> fork.getIterationResults().stream())
			.mapToDouble((iteration) -> iteration.getPrimaryResult().getScore())
			.sorted()
			.toArray();
	}

	private static double median(double[] sorted) {
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	private static String format(double[] sorted) {
		return String.format(Locale.ROOT, "%.1f (%.1f–%.1f)", median(sorted), sorted[0], sorted[sorted.length - 1]);
	}

}
