package dev.jvmpprof.benchmarks.sampling;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import com.sun.management.OperatingSystemMXBean;

import dev.jvmpprof.benchmarks.load.Workspace;
import dev.jvmpprof.benchmarks.report.Ratio;
import dev.jvmpprof.benchmarks.report.Table;
import dev.jvmpprof.engine.AsyncProfilerEngine;
import dev.jvmpprof.engine.JfrEngine;
import dev.jvmpprof.engine.SampledEvent;
import dev.jvmpprof.engine.SamplingEngine;
import dev.jvmpprof.engine.SamplingSettings;
import dev.jvmpprof.engine.Window;

/**
 * Part 2a: the cost of sampling, measured in-process as the whole process's CPU time per unit of work, profiler
 * threads included. CPU time, unlike elapsed time, hardly moves when other processes take the cores, so the small
 * cost of sampling stays visible on a shared machine. Each engine's run is paired with a run with nothing sampling,
 * alternating which goes first.
 */
public final class SamplingComparison {

	private static final SamplingSettings DEFAULTS = new SamplingSettings(Duration.ofMillis(10), Duration.ofMillis(50),
			Duration.ofMillis(1));

	private static final int PAIRS = Integer.getInteger("benchmarks.sampling.pairs", 8);

	private static final int HEAP_WARM_SECONDS = Integer.getInteger("benchmarks.sampling.heap.warm", 40);

	private static final int HEAP_MEASURE_SECONDS = Integer.getInteger("benchmarks.sampling.heap.seconds", 80);

	private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory
		.getOperatingSystemMXBean();

	private static final Object LOCK = new Object();

	private static long counter;

	private static volatile int sink;

	private SamplingComparison() {
	}

	public static void run(Workspace workspace) throws Exception {
		AsyncProfilerEngine asyncProfiler = new AsyncProfilerEngine(DEFAULTS);
		Map<String, SamplingEngine> engines = new LinkedHashMap<>();
		engines.put("cpu", asyncProfiler);
		engines.put("wall", asyncProfiler);
		engines.put("lock", new JfrEngine(DEFAULTS));
		Map<String, SampledEvent> events = Map.of("cpu", SampledEvent.CPU, "wall", SampledEvent.WALL, "lock",
				SampledEvent.LOCK);
		Table table = new Table("Sampling cost in-process: process CPU time per unit of work (" + PAIRS
				+ " pairs of about 1 s runs)", "work", "sampling", "CPU ms per unit, none", "CPU ratio with / none",
				"throughput ratio with / none");
		for (Work work : List.of(new Work("compute", SamplingComparison::compute, 1),
				new Work("contended", SamplingComparison::contended, 2))) {
			int units = prepare(work);
			for (Map.Entry<String, SamplingEngine> engine : engines.entrySet()) {
				pairedRow(table, work.name(), engine.getKey(),
						() -> measure(work, units, engine.getValue(), events.get(engine.getKey())),
						() -> measure(work, units, null, null));
			}
		}
		heap(table);
		table.note("compute: one thread counting primes below 20,000; contended: two threads taking turns on one "
				+ "monitor; allocating: one thread allocating 1 KiB arrays and small objects, keeping one in 64, about "
				+ "20 GB/s; serving: one thread building and reading small strings and lists, about 1 GB/s, at the "
				+ "bottom of the stack or 60 frames deep as in a Spring service. The heap rows: one JVM a row that "
				+ "warms up 40 s with the always-on heap sampler, then measures turns of 5 s with it and without "
				+ "(on, off, off, on, ...), each after 2 s unmeasured; a pair is two turns. cpu and wall: "
				+ "async-profiler every 10 ms of CPU and every 50 ms of wall time; lock: Flight "
				+ "Recorder's monitor and park events of 1 ms and more. CPU ratio 1.01 means sampling adds 1% to the "
				+ "CPU the work costs; the throughput ratio is from elapsed time, which other processes disturb. Both "
				+ "are medians of the pairs, lowest and highest in brackets; the heap rows add the pairs' mean with its "
				+ "95 % confidence interval. The profile's encoding when a window ends is measured in the encoding "
				+ "part.");
		table.publish(workspace.target().resolve("results/sampling.md"));
	}

	/**
	 * The always-on heap sampler's cost on an allocation-heavy thread, in one JVM a row, with the sampler and
	 * without in turns. Not in pairs of JVMs: there the difference between two JVMs' compiled code outweighs the
	 * sampler's cost. On the allocating work it is a draw of the compiler's order, which Flight Recorder's start
	 * tips (see {@link HeapSamplingProbe}); in turns in one JVM the compiled code is the same on both sides.
	 */
	private static void heap(Table table) throws Exception {
		alternatingRow(table, "allocating", "allocation");
		alternatingRow(table, "serving", "service");
		alternatingRow(table, "serving, 60 frames deep", "deep-service");
	}

	/**
	 * Runs {@link HeapSamplingProbe} in {@code alternate} mode and adds a row of its pairs of turns.
	 */
	private static void alternatingRow(Table table, String name, String work) throws Exception {
		System.out.printf("Sampling: %s with heap, in turns%n", name);
		List<String> turns = probe("alternate", String.valueOf(HEAP_WARM_SECONDS), String.valueOf(HEAP_MEASURE_SECONDS),
				work);
		List<Double> cpuRatios = new ArrayList<>();
		List<Double> throughputRatios = new ArrayList<>();
		List<Double> baseline = new ArrayList<>();
		for (int i = 0; i + 1 < turns.size(); i += 2) {
			String[] first = turns.get(i).split(" ");
			String[] second = turns.get(i + 1).split(" ");
			String[] on = "on".equals(first[0]) ? first : second;
			String[] off = (on == first) ? second : first;
			double onCpuPerUnit = Double.parseDouble(on[1]) / Double.parseDouble(on[3]);
			double offCpuPerUnit = Double.parseDouble(off[1]) / Double.parseDouble(off[3]);
			cpuRatios.add(onCpuPerUnit / offCpuPerUnit);
			throughputRatios.add((Double.parseDouble(on[3]) / Double.parseDouble(on[2]))
					/ (Double.parseDouble(off[3]) / Double.parseDouble(off[2])));
			baseline.add(offCpuPerUnit / 1e6);
		}
		table.row(name, "heap (in turns)", String.format(Locale.ROOT, "%.4f", Ratio.median(baseline)),
				finely(cpuRatios), finely(throughputRatios));
	}

	/**
	 * Returns the median of paired ratios with three decimals, their lowest and highest, and their mean with its
	 * 95 % confidence interval: the heap sampler's cost is below 1 %, which two decimals cannot tell.
	 */
	private static String finely(List<Double> ratios) {
		Ratio spread = Ratio.ofPairs(ratios);
		double mean = ratios.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
		double variance = ratios.stream().mapToDouble((ratio) -> (ratio - mean) * (ratio - mean)).sum()
				/ Math.max(1, ratios.size() - 1);
		double interval = 1.96 * Math.sqrt(variance / ratios.size());
		return String.format(Locale.ROOT, "%.3f (%.3f–%.3f); mean %.3f ± %.3f", spread.value(),
				spread.low(), spread.high(), mean, interval);
	}

	/** Runs {@link HeapSamplingProbe} in a JVM of its own with {@code args}; returns the lines it printed. */
	private static List<String> probe(String... args) throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(List.of(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
				HeapSamplingProbe.class.getName()));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
		if (process.waitFor() != 0) {
			throw new IllegalStateException("The heap probe failed: " + output);
		}
		return output.lines().toList();
	}

	/** Calibrates the work and warms it up; returns how many units take about a second. */
	private static int prepare(Work work) throws Exception {
		int units = calibrate(work);
		for (int i = 0; i < 3; i++) {
			measure(work, units, null, null);
		}
		return units;
	}

	/**
	 * Measures the work with sampling against without, in pairs that alternate which goes first, and adds the row.
	 */
	private static void pairedRow(Table table, String work, String sampling, Measurement withSampling,
			Measurement without) throws Exception {
		System.out.printf("Sampling: %s with %s%n", work, sampling);
		List<Double> cpuRatios = new ArrayList<>();
		List<Double> throughputRatios = new ArrayList<>();
		List<Double> baseline = new ArrayList<>();
		for (int pair = 0; pair < PAIRS; pair++) {
			double[] none = null;
			double[] with = null;
			for (int turn = 0; turn < 2; turn++) {
				if ((turn == 0) == (pair % 2 == 1)) {
					with = withSampling.run();
				}
				else {
					none = without.run();
				}
			}
			// CPU per unit, and units per elapsed second.
			cpuRatios.add((with[0] / with[2]) / (none[0] / none[2]));
			throughputRatios.add((with[2] / with[1]) / (none[2] / none[1]));
			baseline.add(none[0] / none[2] / 1e6);
		}
		table.row(work, sampling, String.format(Locale.ROOT, "%.3f", Ratio.median(baseline)),
				Ratio.ofPairs(cpuRatios), Ratio.ofPairs(throughputRatios));
	}

	/** One measured run: {process CPU ns, elapsed ns, units of work}. */
	@FunctionalInterface
	private interface Measurement {

		double[] run() throws Exception;

	}

	/** Returns how many units of work take about a second. */
	private static int calibrate(Work work) throws InterruptedException {
		int units = 16;
		while (true) {
			long start = System.nanoTime();
			work.run(units);
			if (System.nanoTime() - start > 250_000_000L) {
				return units * 4;
			}
			units *= 2;
		}
	}

	/** Returns {process CPU ns, elapsed ns, units} of {@code units} units with a window of {@code event} open. */
	private static double[] measure(Work work, int units, SamplingEngine engine, SampledEvent event)
			throws Exception {
		Window window = (engine != null) ? engine.open(Set.of(event)) : null;
		try {
			long cpu = OS.getProcessCpuTime();
			long start = System.nanoTime();
			work.run(units);
			return new double[] { OS.getProcessCpuTime() - cpu, System.nanoTime() - start, units };
		}
		finally {
			if (window != null) {
				window.close();
			}
		}
	}

	/**
	 * Work measured in units, shared by {@code threads} threads.
	 *
	 * @param name as shown in the table
	 * @param unit one unit
	 * @param threads how many threads share the units
	 */
	private record Work(String name, Runnable unit, int threads) {

		void run(int units) throws InterruptedException {
			CountDownLatch done = new CountDownLatch(this.threads);
			for (int t = 0; t < this.threads; t++) {
				new Thread(() -> {
					for (int i = 0; i < units / this.threads; i++) {
						this.unit.run();
					}
					done.countDown();
				}, this.name + "-" + t).start();
			}
			done.await();
		}

	}

	private static void compute() {
		int primes = 0;
		for (int n = 2; n < 20_000; n++) {
			boolean prime = true;
			for (int d = 2; d * d <= n; d++) {
				if (n % d == 0) {
					prime = false;
					break;
				}
			}
			if (prime) {
				primes++;
			}
		}
		sink = primes;
	}

	private static void contended() {
		for (int k = 0; k < 1000; k++) {
			synchronized (LOCK) {
				long value = counter;
				for (int i = 0; i < 200; i++) {
					value = value * 31 + i;
				}
				counter = value;
			}
		}
	}

}
