package dev.jvmpprof.benchmarks.startup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.jvmpprof.benchmarks.load.SampleApp;
import dev.jvmpprof.benchmarks.load.Workspace;
import dev.jvmpprof.benchmarks.report.Ratio;
import dev.jvmpprof.benchmarks.report.Table;
import dev.jvmpprof.benchmarks.startup.app.MinimalApplication;

/**
 * Part 4: what the starter costs when nothing samples. Startup of a minimal web app with the actuator, without
 * the starter, with it, and with it but its two always-on parts (heap sampling, thread starts) off, timed by hyperfine in two rounds of opposite
 * order; then all variants side by side, idle for a minute: CPU time, threads, heap after a full GC and resident
 * memory.
 */
public final class StartupComparison {

	private static final int RUNS = Integer.getInteger("benchmarks.startup.runs", 10);

	private static final int IDLE_SECONDS = Integer.getInteger("benchmarks.idle.seconds", 60);

	private static final int IDLE_ROUNDS = Integer.getInteger("benchmarks.idle.rounds", 2);

	private static final List<String> JVM_ARGS = List.of("-Xms256m", "-Xmx256m");

	// The whole heap resident from the start in every variant: otherwise RSS counts whichever heap pages a variant
	// happened to touch, and two rounds of the same variant differed by 29 MiB.
	private static final List<String> IDLE_JVM_ARGS = List.of("-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch");

	private StartupComparison() {
	}

	/**
	 * The minimal app with or without the starter.
	 *
	 * @param name as shown in the table
	 * @param classPath its class path
	 * @param exposure the endpoints it exposes
	 * @param settings further application arguments
	 */
	record Variant(String name, String classPath, String exposure, List<String> settings) {

		List<String> launch() {
			return List.of("-cp", this.classPath, MinimalApplication.class.getName());
		}

		List<String> appArgs() {
			List<String> args = new ArrayList<>(this.settings);
			args.add("--management.endpoints.web.exposure.include=" + this.exposure);
			return args;
		}

		String command() {
			return String.join(" ", "java", String.join(" ", JVM_ARGS), "-Dbenchmarks.exitWhenStarted=true",
					String.join(" ", launch()), "--server.port=0", String.join(" ", appArgs()));
		}

	}

	public static void run(Workspace workspace) throws Exception {
		Path classes = workspace.target().resolve("classes");
		String withStarter = classes + ":" + classPath(workspace, "classpath-with-starter.txt");
		List<Variant> variants = List.of(
				new Variant("without", classes + ":" + classPath(workspace, "classpath-without-starter.txt"), "health",
						List.of()),
				new Variant("with (defaults)", withStarter, "health,pprof", List.of()),
				// The starter with the two parts that work from startup switched off: heap sampling, thread starts.
				new Variant("with (heap and threadcreate off)", withStarter, "health,pprof",
						List.of("--pprof.heap.enabled=false", "--pprof.threadcreate.enabled=false")));
		Path results = workspace.target().resolve("results/startup.md");
		startup(workspace, variants).publish(results);
		idle(workspace, variants).publish(results);
	}

	private static Table startup(Workspace workspace, List<Variant> variants) throws Exception {
		Table table = new Table("Startup of a minimal web app with the actuator (hyperfine, " + RUNS
				+ " runs each after 2 warm-ups, two rounds in opposite order)", "variant", "round 1 (s, mean ± σ)",
				"round 2 (s, mean ± σ)", "ratio to without, round 1", "round 2", "CPU s (user + system), round 1",
				"round 2");
		List<List<Variant>> rounds = List.of(variants, reversed(variants));
		List<Map<String, double[]>> times = new ArrayList<>();
		for (int round = 0; round < rounds.size(); round++) {
			Path csv = workspace.target().resolve("work/startup-" + round + ".csv");
			Files.createDirectories(csv.getParent());
			List<String> command = new ArrayList<>(List.of("hyperfine", "-N", "--style", "basic", "--warmup", "2",
					"--runs", Integer.toString(RUNS), "--export-csv", csv.toString()));
			for (Variant variant : rounds.get(round)) {
				command.addAll(List.of("-n", variant.name(), variant.command()));
			}
			Process hyperfine = new ProcessBuilder(command).inheritIO().start();
			if (hyperfine.waitFor() != 0) {
				throw new IOException("hyperfine failed: " + command);
			}
			Map<String, double[]> roundTimes = new HashMap<>();
			for (Variant variant : variants) {
				roundTimes.put(variant.name(), mean(csv, variant.name()));
			}
			times.add(roundTimes);
		}
		for (Variant variant : variants) {
			List<String> cells = new ArrayList<>(List.of(variant.name()));
			for (Map<String, double[]> round : times) {
				double[] time = round.get(variant.name());
				cells.add(String.format(Locale.ROOT, "%.3f ± %.3f", time[0], time[1]));
			}
			for (Map<String, double[]> round : times) {
				double[] time = round.get(variant.name());
				double[] base = round.get(variants.get(0).name());
				cells.add(Ratio.ofMeans(time[0], time[1], base[0], base[1]).toString());
			}
			for (Map<String, double[]> round : times) {
				cells.add(String.format(Locale.ROOT, "%.2f", round.get(variant.name())[2]));
			}
			table.row(cells.toArray());
		}
		table.note("Each run is a whole process: JVM start, context refresh, ready, close. A ratio's range comes "
				+ "from one standard deviation either side. CPU time is the mean per run, less sensitive than wall "
				+ "time to other processes taking the cores.");
		return table;
	}

	private static Table idle(Workspace workspace, List<Variant> variants) throws Exception {
		Table table = new Table("Idle for " + IDLE_SECONDS + " s, all variants side by side (" + IDLE_ROUNDS
				+ " rounds)", "variant", "round", "CPU s", "threads", "extra threads", "heap after GC (MiB)",
				"RSS (MiB)");
		long ticksPerSecond = clockTicks();
		for (int round = 0; round < IDLE_ROUNDS; round++) {
			System.out.printf("Idle: round %d, %d s%n", round, IDLE_SECONDS);
			List<SampleApp> apps = new ArrayList<>();
			try {
				for (Variant variant : variants) {
					apps.add(SampleApp.start(variant.launch(), IDLE_JVM_ARGS, variant.appArgs(),
							workspace.log("idle-" + apps.size() + "-" + round)));
				}
				// Let startup's JIT compilation and the first GCs settle.
				Thread.sleep(10_000);
				long[] start = new long[apps.size()];
				for (int i = 0; i < apps.size(); i++) {
					start[i] = cpuTicks(apps.get(i).pid());
				}
				Thread.sleep(IDLE_SECONDS * 1000L);
				Set<String> baseNames = threadNames(apps.get(0).pid());
				for (int i = 0; i < apps.size(); i++) {
					long pid = apps.get(i).pid();
					double cpuSeconds = (double) (cpuTicks(pid) - start[i]) / ticksPerSecond;
					Set<String> extra = new TreeSet<>(threadNames(pid));
					extra.removeAll(baseNames);
					table.row(variants.get(i).name(), round, String.format(Locale.ROOT, "%.2f", cpuSeconds),
							status(pid, "Threads"), extra.isEmpty() ? "none" : String.join(", ", extra),
							String.format(Locale.ROOT, "%.1f", heapAfterGc(pid)),
							String.format(Locale.ROOT, "%.0f", status(pid, "VmRSS") / 1024.0));
				}
			}
			finally {
				for (SampleApp app : apps) {
					app.close();
				}
			}
		}
		table.note("CPU is the process's user and system time over the window (/proc, 10 ms ticks); threads are "
				+ "the OS threads of the JVM; extra threads are Java thread names (digits as N) not found without "
				+ "the starter; heap is used heap after `jcmd GC.run`; RSS includes the whole 256 MiB heap, touched at "
				+ "start (`-XX:+AlwaysPreTouch`), so that its differences are memory outside the heap.");
		return table;
	}

	private static List<Variant> reversed(List<Variant> variants) {
		List<Variant> reversed = new ArrayList<>(variants);
		Collections.reverse(reversed);
		return reversed;
	}

	private static String classPath(Workspace workspace, String file) throws IOException {
		return Files.readString(workspace.target().resolve(file), StandardCharsets.UTF_8).trim();
	}

	private static double[] mean(Path csv, String name) throws IOException {
		for (String line : Files.readAllLines(csv)) {
			String[] fields = line.split(",");
			if (fields[0].equals(name)) {
				// command,mean,stddev,median,user,system,min,max
				return new double[] { Double.parseDouble(fields[1]), Double.parseDouble(fields[2]),
						Double.parseDouble(fields[4]) + Double.parseDouble(fields[5]) };
			}
		}
		throw new IOException("hyperfine's " + csv + " has no " + name);
	}

	private static long clockTicks() throws IOException, InterruptedException {
		return Long.parseLong(output("getconf", "CLK_TCK").trim());
	}

	private static long cpuTicks(long pid) throws IOException {
		String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
		// The command name may hold spaces; the fields after it are space-separated, utime and stime 14th and 15th.
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
	}

	private static long status(long pid, String key) throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
			if (line.startsWith(key + ":")) {
				return Long.parseLong(line.substring(key.length() + 1).trim().split("\\s+")[0]);
			}
		}
		throw new IOException("No " + key + " in the status of " + pid);
	}

	private static Set<String> threadNames(long pid) throws IOException, InterruptedException {
		Set<String> names = new TreeSet<>();
		Matcher matcher = Pattern.compile("^\"(.*?)\"", Pattern.MULTILINE)
			.matcher(output("jcmd", Long.toString(pid), "Thread.print"));
		while (matcher.find()) {
			names.add(matcher.group(1).replaceAll("\\d+", "N"));
		}
		return names;
	}

	private static double heapAfterGc(long pid) throws IOException, InterruptedException {
		output("jcmd", Long.toString(pid), "GC.run");
		Matcher used = Pattern.compile("used (\\d+)K").matcher(output("jcmd", Long.toString(pid), "GC.heap_info"));
		if (!used.find()) {
			throw new IOException("jcmd GC.heap_info printed no used heap");
		}
		return Long.parseLong(used.group(1)) / 1024.0;
	}

	private static String output(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IOException(String.join(" ", command) + " failed: " + output);
		}
		return output;
	}

}
