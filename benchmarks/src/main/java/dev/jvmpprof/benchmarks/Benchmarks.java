package dev.jvmpprof.benchmarks;

import java.nio.file.Files;
import java.util.List;

import dev.jvmpprof.benchmarks.encoding.EncodingComparison;
import dev.jvmpprof.benchmarks.encoding.EncodingMemory;
import dev.jvmpprof.benchmarks.encoding.Recordings;
import dev.jvmpprof.benchmarks.labels.LabelCostComparison;
import dev.jvmpprof.benchmarks.load.Workspace;
import dev.jvmpprof.benchmarks.overhead.LockEventCost;
import dev.jvmpprof.benchmarks.overhead.OverheadComparison;
import dev.jvmpprof.benchmarks.sampling.SamplingComparison;
import dev.jvmpprof.benchmarks.startup.StartupComparison;
import dev.jvmpprof.benchmarks.threads.ThreadProfileComparison;

/**
 * Runs the parts named on the command line ({@code record}, {@code encoding}, {@code memory}, {@code sampling},
 * {@code overhead}, {@code lockevents}, {@code threads}, {@code startup}, {@code labels}), or all of them.
 */
public final class Benchmarks {

	private static final List<String> PARTS = List.of("encoding", "memory", "sampling", "overhead", "lockevents",
			"threads", "startup", "labels");

	private Benchmarks() {
	}

	public static void main(String[] args) throws Exception {
		Workspace workspace = Workspace.current();
		List<String> parts = (args.length == 0) ? PARTS : List.of(args);
		for (String part : parts) {
			Files.deleteIfExists(workspace.target().resolve("results/" + part + ".md"));
			switch (part) {
				case "record" -> new Recordings(workspace).ensure();
				case "encoding" -> EncodingComparison.run(workspace);
				case "memory" -> EncodingMemory.run(workspace);
				case "sampling" -> SamplingComparison.run(workspace);
				case "overhead" -> OverheadComparison.run(workspace);
				case "lockevents" -> LockEventCost.run(workspace);
				case "threads" -> ThreadProfileComparison.run(workspace);
				case "startup" -> StartupComparison.run(workspace);
				case "labels" -> LabelCostComparison.run(workspace);
				default -> throw new IllegalArgumentException("No part " + part + "; the parts are record, " + PARTS);
			}
		}
	}

}
