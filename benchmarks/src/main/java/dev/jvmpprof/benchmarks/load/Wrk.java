package dev.jvmpprof.benchmarks.load;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs wrk, the HTTP load generator, for a bounded time against a loopback URL and reads its summary.
 *
 * @param threads wrk's threads
 * @param connections open connections, each sending its next request when the previous one is answered
 * @param duration how long to send requests
 * @param script a wrk Lua script, or {@code null}
 * @param headers request headers such as {@code Accept: text/plain}
 */
public record Wrk(int threads, int connections, Duration duration, Path script, List<String> headers) {

	private static final Pattern REQUESTS_PER_SECOND = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

	private static final Pattern P99 = Pattern.compile("^\\s+99%\\s+([0-9.]+)(us|ms|s|m)\\s*$", Pattern.MULTILINE);

	private static final Pattern MEAN = Pattern.compile("^\\s+Latency\\s+([0-9.]+)(us|ms|s|m)\\s", Pattern.MULTILINE);

	private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");

	private static final Pattern SOCKET_ERRORS = Pattern.compile(
			"Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

	private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

	/**
	 * Creates a run with no script and no extra headers.
	 * @param threads wrk's threads
	 * @param connections open connections
	 * @param duration how long
	 * @return the run
	 */
	public static Wrk of(int threads, int connections, Duration duration) {
		return new Wrk(threads, connections, duration, null, List.of());
	}

	public Wrk withScript(Path script) {
		return new Wrk(this.threads, this.connections, this.duration, script, this.headers);
	}

	public Wrk withHeader(String header) {
		List<String> all = new ArrayList<>(this.headers);
		all.add(header);
		return new Wrk(this.threads, this.connections, this.duration, this.script, List.copyOf(all));
	}

	/**
	 * Runs wrk against {@code url}; loopback only.
	 * @param url the URL, on 127.0.0.1
	 * @return what wrk measured
	 * @throws IOException if wrk fails or its output cannot be read
	 * @throws InterruptedException if interrupted while waiting
	 */
	public Result run(URI url) throws IOException, InterruptedException {
		if (!"127.0.0.1".equals(url.getHost()) && !"localhost".equals(url.getHost())) {
			throw new IllegalArgumentException("Load is only ever sent to loopback, not " + url.getHost());
		}
		List<String> command = new ArrayList<>(List.of("wrk", "--latency", "-t" + this.threads, "-c" + this.connections,
				"-d" + this.duration.toSeconds() + "s", "--timeout", "30s"));
		if (this.script != null) {
			command.add("-s");
			command.add(this.script.toString());
		}
		for (String header : this.headers) {
			command.add("-H");
			command.add(header);
		}
		command.add(url.toString());
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(this.duration.toSeconds() + 60, TimeUnit.SECONDS) || process.exitValue() != 0) {
			process.destroyForcibly();
			throw new IOException("wrk failed: " + output);
		}
		return Result.parse(output);
	}

	/**
	 * What one wrk run measured.
	 *
	 * @param requestsPerSecond completed requests per second
	 * @param meanMillis mean latency
	 * @param p99Millis 99th percentile latency
	 * @param requests completed requests
	 * @param errors socket errors and non-2xx answers
	 * @param output wrk's whole output, including lines printed by a script
	 */
	public record Result(double requestsPerSecond, double meanMillis, double p99Millis, long requests, long errors,
			String output) {

		static Result parse(String output) throws IOException {
			long errors = 0;
			Matcher socket = SOCKET_ERRORS.matcher(output);
			if (socket.find()) {
				for (int group = 1; group <= 4; group++) {
					errors += Long.parseLong(socket.group(group));
				}
			}
			Matcher non2xx = NON_2XX.matcher(output);
			if (non2xx.find()) {
				errors += Long.parseLong(non2xx.group(1));
			}
			return new Result(number(REQUESTS_PER_SECOND, output), millis(MEAN, output), millis(P99, output),
					(long) number(REQUESTS, output), errors, output);
		}

		/**
		 * Returns the number a script printed as {@code name N}.
		 * @param name the name the script printed
		 * @return the number
		 * @throws IOException if the script did not print it
		 */
		public double scriptValue(String name) throws IOException {
			return number(Pattern.compile("^" + Pattern.quote(name) + " ([0-9.]+)$", Pattern.MULTILINE), this.output);
		}

		private static double number(Pattern pattern, String output) throws IOException {
			Matcher matcher = pattern.matcher(output);
			if (!matcher.find()) {
				throw new IOException("wrk's output has no " + pattern + ":\n" + output);
			}
			return Double.parseDouble(matcher.group(1));
		}

		private static double millis(Pattern pattern, String output) throws IOException {
			Matcher matcher = pattern.matcher(output);
			if (!matcher.find()) {
				throw new IOException("wrk's output has no " + pattern + ":\n" + output);
			}
			double value = Double.parseDouble(matcher.group(1));
			return switch (matcher.group(2)) {
				case "us" -> value / 1000;
				case "ms" -> value;
				case "s" -> value * 1000;
				default -> value * 60_000;
			};
		}

	}

}
