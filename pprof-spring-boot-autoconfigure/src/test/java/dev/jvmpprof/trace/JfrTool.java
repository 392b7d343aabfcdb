package dev.jvmpprof.trace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the JDK's own {@code jfr} tool, the reader a trace must satisfy, from the JDK that runs the tests.
 */
final class JfrTool {

	private JfrTool() {
	}

	static Result run(String... arguments) throws IOException, InterruptedException {
		Path jfr = Path.of(System.getProperty("java.home"), "bin", "jfr");
		List<String> command = new ArrayList<>(List.of(jfr.toString()));
		command.addAll(List.of(arguments));
		Path out = Files.createTempFile("jfr-tool", ".txt");
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new AssertionError("jfr did not finish: " + command);
			}
			return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
		}
		finally {
			Files.deleteIfExists(out);
		}
	}

	record Result(int exitCode, String output) {
	}

}
