package dev.jvmpprof.benchmarks.overhead;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import dev.jvmpprof.benchmarks.load.SampleApp;
import dev.jvmpprof.benchmarks.load.Workspace;
import dev.jvmpprof.benchmarks.load.Wrk;
import dev.jvmpprof.benchmarks.report.Ratio;
import dev.jvmpprof.benchmarks.report.Table;

/**
 * Part {@code lockevents}: which of the Flight Recorder events behind {@code block} and {@code mutex} costs the
 * lock-heavy endpoint its throughput. Each event is recorded alone, started and stopped with {@code jcmd} around one
 * wrk run, in pairs against a run without it; one event is also recorded at a threshold 20 times higher, to tell a
 * cost of recording waits (stacks, buffers) from a cost of watching for them.
 */
public final class LockEventCost {

	private static final Duration RUN = Duration.ofSeconds(8);

	private static final int PAIRS = Integer.getInteger("benchmarks.lockevents.pairs", 3);

	private static final Duration WARM_UP = Duration.ofSeconds(15);

	private static final String LOAD = "/inventory/reserve?threads=4";

	private LockEventCost() {
	}

	/**
	 * One event recorded alone.
	 *
	 * @param event the Flight Recorder event
	 * @param threshold the shortest wait it records, in Flight Recorder's syntax
	 */
	record Recorded(String event, String threshold) {

		String settings() {
			return """
					<?xml version="1.0" encoding="UTF-8"?>
					<configuration version="2.0">
					  <event name="%s">
					    <setting name="enabled">true</setting>
					    <setting name="stackTrace">true</setting>
					    <setting name="threshold">%s</setting>
					  </event>
					</configuration>
					""".formatted(this.event, this.threshold);
		}

	}

	public static void run(Workspace workspace) throws Exception {
		List<Recorded> events = List.of(new Recorded("jdk.JavaMonitorEnter", "1 ms"),
				new Recorded("jdk.JavaMonitorEnter", "20 ms"), new Recorded("jdk.ThreadPark", "1 ms"),
				new Recorded("jdk.JavaMonitorWait", "1 ms"));
		Path reservations = workspace.extract("wrk/reservations.lua");
		Wrk wrk = Wrk.of(2, 2, RUN).withScript(reservations);
		Table table = new Table("Lock events recorded alone under the lock-heavy load (wrk, " + PAIRS + " pairs of "
				+ RUN.toSeconds() + " s runs, `" + LOAD + "`)", "event", "threshold", "reservations/s without",
				"throughput ratio with / without");
		try (SampleApp app = SampleApp.startJar(workspace.sampleAppJar(), List.of("-Xms512m", "-Xmx512m"), List.of(),
				workspace.log("lockevents"))) {
			Wrk.of(2, 8, WARM_UP).run(app.uri(LOAD));
			for (Recorded recorded : events) {
				Path settings = workspace.target().resolve("work/lockevents/" + recorded.event() + "-"
						+ recorded.threshold().replace(' ', '-') + ".jfc");
				Files.createDirectories(settings.getParent());
				Files.writeString(settings, recorded.settings());
				System.out.printf("Lock events: %s at %s%n", recorded.event(), recorded.threshold());
				List<Double> ratios = new ArrayList<>();
				List<Double> base = new ArrayList<>();
				for (int pair = 0; pair < PAIRS; pair++) {
					double without = 0;
					double with = 0;
					for (int turn = 0; turn < 2; turn++) {
						boolean recording = (turn == 0) == (pair % 2 == 1);
						if (recording) {
							jcmd(app.pid(), "JFR.start", "name=lockevents", "settings=" + settings);
							try {
								with = reservationsPerSecond(wrk.run(app.uri(LOAD)));
							}
							finally {
								jcmd(app.pid(), "JFR.stop", "name=lockevents");
							}
						}
						else {
							without = reservationsPerSecond(wrk.run(app.uri(LOAD)));
						}
					}
					ratios.add(with / without);
					base.add(without);
					System.out.printf(Locale.ROOT, "  pair %d: %.0f -> %.0f reservations/s%n", pair, without, with);
				}
				table.row("`" + recorded.event() + "`", recorded.threshold(),
						String.format(Locale.ROOT, "%.0f", Ratio.median(base)), Ratio.ofPairs(ratios));
			}
		}
		table.note("Ratios are the median of the pairs, with the lowest and highest pair in brackets. `block` "
				+ "records all three events, `mutex` the monitor enters and the parks.");
		table.publish(workspace.target().resolve("results/lockevents.md"));
	}

	private static double reservationsPerSecond(Wrk.Result result) throws IOException {
		return result.scriptValue("reservations") / RUN.toSeconds();
	}

	private static void jcmd(long pid, String... command) throws IOException, InterruptedException {
		List<String> line = new ArrayList<>();
		line.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
		line.add(Long.toString(pid));
		line.addAll(List.of(command));
		Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IOException("jcmd " + String.join(" ", command) + " failed: " + output);
		}
	}

}
