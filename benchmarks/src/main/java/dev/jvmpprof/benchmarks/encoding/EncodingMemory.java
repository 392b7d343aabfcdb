package dev.jvmpprof.benchmarks.encoding;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.jvmpprof.benchmarks.load.Workspace;
import dev.jvmpprof.benchmarks.report.Table;

/**
 * Part 1b ({@code memory}): the memory an encoder needs, as the smallest heap ({@code -Xmx}, whole MiB) with which a JVM of its own
 * encodes the recording: a figure that, unlike a peak read off a running JVM, does not move with when the
 * collector happens to run.
 */
public final class EncodingMemory {

	private static final int MAX_MIB = 1024;

	private EncodingMemory() {
	}

	public static void run(Workspace workspace) throws Exception {
		Recordings recordings = new Recordings(workspace);
		recordings.ensure();
		Table table = new Table("Memory while encoding: the smallest heap that encodes the recording",
				"recording", "encoder", "smallest -Xmx (MiB)", "recording size (KiB)", "ours / theirs");
		for (Recordings.Recording recording : Recordings.Recording.values()) {
			Path file = recordings.file(recording);
			List<String> encoders = List.of("ours", "asyncProfiler", "asyncProfilerThreads");
			List<Integer> smallest = new ArrayList<>();
			for (String encoder : encoders) {
				System.out.printf("Memory: %s with %s%n", recording, encoder);
				smallest.add(smallestHeap(recording, file, encoder));
			}
			for (int i = 0; i < encoders.size(); i++) {
				table.row(recording.name().toLowerCase(Locale.ROOT), EncodingComparison.label(encoders.get(i)),
						String.valueOf(smallest.get(i)), String.format(Locale.ROOT, "%,d", Files.size(file) / 1024),
						(i == 0) ? "1" : String.format(Locale.ROOT, "%.2f", (double) smallest.get(0) / smallest.get(i)));
			}
		}
		table.note("Each JVM runs with the serial collector and encodes into a counting stream; ours on the wall "
				+ "recording runs the wall profile's collector, which holds the gzip'd profile (about 140 KB) until "
				+ "it is sent, as the endpoint does. The JVM's own baseline (a few MiB) is in every figure. Below 1 "
				+ "means ours needs less.");
		table.publish(workspace.target().resolve("results/memory.md"));
	}

	/** Bisects the smallest heap in MiB that encodes {@code file}. */
	private static int smallestHeap(Recordings.Recording recording, Path file, String encoder) throws Exception {
		int fails = 1;
		int works = MAX_MIB;
		if (!encodes(recording, file, encoder, works)) {
			throw new IllegalStateException(encoder + " cannot encode " + file + " in " + MAX_MIB + " MiB");
		}
		while (works - fails > 1) {
			int middle = (fails + works) / 2;
			if (encodes(recording, file, encoder, middle)) {
				works = middle;
			}
			else {
				fails = middle;
			}
		}
		return works;
	}

	private static boolean encodes(Recordings.Recording recording, Path file, String encoder, int mib)
			throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process process = new ProcessBuilder(java, "-Xmx" + mib + "m", "-XX:+UseSerialGC", "-cp",
				System.getProperty("java.class.path"), Probe.class.getName(), recording.name(), file.toString(),
				encoder)
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		return process.waitFor() == 0;
	}

	/** Encodes one recording with one encoder and exits non-zero if it cannot. */
	public static final class Probe {

		private Probe() {
		}

		public static void main(String[] args) throws Exception {
			Recordings.Recording recording = Recordings.Recording.valueOf(args[0]);
			Path file = Path.of(args[1]);
			try (OutputStream out = new CountingOutputStream()) {
				switch (args[2]) {
					case "ours" -> Encoders.ours(recording, file, out);
					case "asyncProfiler" -> Encoders.asyncProfiler(file, false, out);
					default -> Encoders.asyncProfiler(file, true, out);
				}
			}
		}

	}

}
