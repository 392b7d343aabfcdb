package dev.jvmpprof.sample;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the README's "try" list as written, in its order, against a freshly started sample app in a JVM of its own,
 * and checks that each command shows what its line says it does. Only the port differs from the README's.
 */
class ReadmeTryListTests {

	private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

	/**
	 * What each line of the list must show, in the README's order; a line the README adds, drops or reorders fails
	 * the test until it is described here.
	 */
	private static final List<Step> STEPS = List.of(
			new Step("/primes?seconds=", (result) -> {
			}),
			new Step("-top 'http://localhost:8080/actuator/pprof/profile", (result) -> assertThat(firstTopRow(result))
				.as("the hot method on top").contains("dev.jvmpprof.sample.PrimeSieve.")),
			new Step("-list PrimeSieve.countPrimes", (result) -> assertThat(result.stdout())
				.contains("ROUTINE ======================== dev.jvmpprof.sample.PrimeSieve.countPrimes")
				.containsPattern("\\d+(\\.\\d+)?m?s\\s+\\d+:\\s+if \\(isPrime\\(n\\)\\)")),
			new Step("-tagfocus 'thread=http-nio'", (result) -> assertThat(result.stdout())
				.contains("dev.jvmpprof.sample.PrimeSieve.")),
			new Step("-http=:", null),
			new Step("-sample_index=inuse_space", (result) -> assertThat(result.stdout())
				.contains("dev.jvmpprof.sample.CacheWarmer.warm")),
			new Step("pprof/allocs", (result) -> assertThat(result.stdout()).contains("Type: alloc_space")
				.contains("dev.jvmpprof.sample.CacheWarmer.warm")),
			new Step("/inventory/reserve?", (result) -> {
			}),
			new Step("pprof/mutex", (result) -> assertThat(result.stdout())
				.contains("dev.jvmpprof.sample.Inventory.reserve")),
			new Step("pprof/wall", (result) -> assertThat(result.stdout())
				.contains("dev.jvmpprof.sample.InventoryController.reserve")),
			new Step("state=^WAITING$", (result) -> assertThat(result.stdout()).contains("Type: goroutine")),
			new Step("goroutine?debug=2", (result) -> assertThat(result.stdout())
				.containsPattern("\"http-nio-\\d+-exec-\\d+\" #\\d+")
				.contains("java.lang.Thread.State: ")),
			new Step("pprof/trace", (result) -> assertThat(result.stdout()).contains("jdk.ExecutionSample")),
			new Step("pprof/cmdline", (result) -> assertThat(result.stdout())
				.contains("dev.jvmpprof.sample.SampleApplication")));

	@TempDir
	Path directory;

	@Test
	void everyCommandShouldShowWhatItsLineSaysOnAFreshStart() throws Exception {
		List<String> commands = tryList();
		assertThat(commands).hasSameSizeAs(STEPS);
		requireGo();
		// The list runs from the repository's root, for -source_path; the files it writes go to a directory of
		// the test's own.
		Path link = Files.createSymbolicLink(this.directory.resolve("sample-app"), REPOSITORY.resolve("sample-app"));
		int port = freePort();
		Process application = start(port);
		try {
			for (int i = 0; i < commands.size(); i++) {
				Step step = STEPS.get(i);
				String command = commands.get(i);
				assertThat(command).as("line %d of the list", i + 1).contains(step.marker());
				if (step.check() == null) {
					// Interactive: it serves its web UI until it is stopped.
					continue;
				}
				Result result = run(command.replace("localhost:8080", "localhost:" + port), i);
				assertThat(result.exitCode()).as("%s%n%s", command, result.stderr()).isZero();
				assertThat(result.stderr()).as(command).doesNotContain("no matches found", "matched no samples");
				try {
					step.check().accept(result);
				}
				catch (AssertionError ex) {
					throw new AssertionError(command + "\n" + result.stdout() + result.stderr(), ex);
				}
			}
		}
		finally {
			application.destroy();
			application.waitFor(30, TimeUnit.SECONDS);
			Files.delete(link);
		}
	}

	/** The commands of the README's "try" list, each on one line. */
	private static List<String> tryList() throws IOException {
		String readme = Files.readString(REPOSITORY.resolve("README.md"));
		int intro = readme.indexOf("With the sample app running, try:");
		assertThat(intro).as("the README's try list").isNotNegative();
		int start = readme.indexOf("```sh\n", intro) + "```sh\n".length();
		String block = readme.substring(start, readme.indexOf("```", start));
		return List.of(block.replace("\\\n", " ").split("\n"));
	}

	private static String firstTopRow(Result result) {
		List<String> lines = result.stdout().lines().toList();
		int header = lines.indexOf(lines.stream().filter((line) -> line.contains("flat%")).findFirst().orElseThrow());
		return lines.get(header + 1);
	}

	private Process start(int port) throws Exception {
		Path log = this.directory.resolve("sample-app.log");
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), SampleApplication.class.getName(), "--server.port=" + port)
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		HttpClient client = HttpClient.newHttpClient();
		URI health = URI.create("http://localhost:" + port + "/actuator/health");
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
			assertThat(process.isAlive()).as("the sample app is running:%n%s", Files.readString(log)).isTrue();
			try {
				return client.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.discarding())
					.statusCode() == 200;
			}
			catch (IOException ex) {
				return false;
			}
		});
		return process;
	}

	private Result run(String command, int index) throws Exception {
		ProcessBuilder builder = new ProcessBuilder("bash", "-c", command).directory(this.directory.toFile());
		// jfr is the JDK's; go tool pprof keeps its downloads in PPROF_TMPDIR.
		Path jdk = Path.of(System.getProperty("java.home"), "bin");
		builder.environment().put("PATH", jdk + ":" + System.getenv("PATH"));
		builder.environment().put("PPROF_TMPDIR", this.directory.toString());
		// Files, not pipes: a command put in the background keeps its output open after its shell has exited.
		Path out = this.directory.resolve(index + ".out");
		Path err = this.directory.resolve(index + ".err");
		Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
		return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
				Files.readString(err, StandardCharsets.UTF_8));
	}

	private static void requireGo() throws Exception {
		boolean found = new ProcessBuilder("bash", "-c", "command -v go").start().waitFor() == 0;
		if (!found) {
			String message = "go tool pprof is needed: apt-get install golang-go";
			assertThat("1".equals(System.getenv("PPROF_REQUIRE_GO"))).as(message + " (PPROF_REQUIRE_GO=1)").isFalse();
			Assumptions.abort(message);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/**
	 * A line of the list and what it must show.
	 *
	 * @param marker text that identifies the line
	 * @param check what its output must show, or {@code null} for a line not run
	 */
	private record Step(String marker, Consumer<Result> check) {
	}

	private record Result(int exitCode, String stdout, String stderr) {
	}

}
