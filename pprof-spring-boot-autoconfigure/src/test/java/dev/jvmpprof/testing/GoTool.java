package dev.jvmpprof.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

import org.springframework.util.FileSystemUtils;

/**
 * Runs Go's real {@code go tool pprof}. Where Go is missing the test is skipped, unless {@code PPROF_REQUIRE_GO=1}
 * (CI sets it), which turns the skip into a failure so that CI never passes without the real client.
 */
public final class GoTool {

	private static final List<String> CANDIDATES = List.of("/usr/bin/go", "/usr/local/go/bin/go", "/usr/lib/go/bin/go");

	private GoTool() {
	}

	/**
	 * Returns the {@code go} binary, skipping or failing the test where there is none.
	 * @return the path of {@code go}
	 */
	public static String go() {
		for (String candidate : CANDIDATES) {
			if (Files.isExecutable(Path.of(candidate))) {
				return candidate;
			}
		}
		String message = "go tool pprof is needed: apt-get install golang-go";
		if ("1".equals(System.getenv("PPROF_REQUIRE_GO"))) {
			throw new AssertionError(message + " (PPROF_REQUIRE_GO=1)");
		}
		Assumptions.abort(message);
		return null;
	}

	/**
	 * Runs {@code go tool pprof} with {@code arguments}.
	 * @param arguments the arguments after {@code pprof}
	 * @return what it printed, stdout then stderr, and its exit code
	 */
	public static Result pprof(String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(go(), "tool", "pprof"));
		command.addAll(List.of(arguments));
		Path tmp = Files.createTempDirectory("pprof-client");
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().put("PPROF_TMPDIR", tmp.toString());
		builder.environment().put("HOME", tmp.toString());
		Path out = tmp.resolve("out.txt");
		Path err = tmp.resolve("err.txt");
		builder.redirectOutput(out.toFile()).redirectError(err.toFile());
		try {
			Process process = builder.start();
			if (!process.waitFor(120, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new AssertionError("go tool pprof did not finish: " + command);
			}
			return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
					Files.readString(err, StandardCharsets.UTF_8));
		}
		finally {
			FileSystemUtils.deleteRecursively(tmp);
		}
	}

	/**
	 * What {@code go tool pprof} answered.
	 *
	 * @param exitCode its exit code
	 * @param stdout what it printed on standard output
	 * @param stderr what it printed on standard error
	 */
	public record Result(int exitCode, String stdout, String stderr) {

		public List<String> lines() {
			return this.stdout.lines().toList();
		}

	}

}
