package dev.jvmpprof.benchmarks.load;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Spring Boot application running in its own JVM on a free loopback port, started and stopped by a benchmark.
 */
public final class SampleApp implements AutoCloseable {

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

	private final Process process;

	private final int port;

	private SampleApp(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/**
	 * Starts {@code java [jvmArgs] [launch...] --server.port=N [appArgs]} and waits until its health endpoint answers.
	 * @param launch what follows the JVM options: {@code -jar app.jar} or {@code -cp path MainClass}
	 * @param jvmArgs JVM options
	 * @param appArgs application arguments
	 * @param log where the application's output goes
	 * @return the running application
	 * @throws IOException if it cannot be started or does not become healthy in time
	 * @throws InterruptedException if interrupted while waiting
	 */
	public static SampleApp start(List<String> launch, List<String> jvmArgs, List<String> appArgs, Path log)
			throws IOException, InterruptedException {
		int port = freePort();
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmArgs);
		command.addAll(launch);
		command.add("--server.port=" + port);
		command.add("--server.address=127.0.0.1");
		command.addAll(appArgs);
		Files.createDirectories(log.getParent());
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		SampleApp app = new SampleApp(process, port);
		try {
			app.awaitHealthy(log);
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			app.close();
			throw ex;
		}
		return app;
	}

	/**
	 * Starts the sample app's jar.
	 * @param jar the sample app's executable jar
	 * @param jvmArgs JVM options
	 * @param appArgs application arguments
	 * @param log where the application's output goes
	 * @return the running application
	 * @throws IOException if it cannot be started or does not become healthy in time
	 * @throws InterruptedException if interrupted while waiting
	 */
	public static SampleApp startJar(Path jar, List<String> jvmArgs, List<String> appArgs, Path log)
			throws IOException, InterruptedException {
		return start(List.of("-jar", jar.toString()), jvmArgs, appArgs, log);
	}

	/**
	 * Returns the URI of {@code pathAndQuery} on this application.
	 * @param pathAndQuery such as {@code /primes?limit=1000}
	 * @return the URI
	 */
	public URI uri(String pathAndQuery) {
		return URI.create("http://127.0.0.1:" + this.port + pathAndQuery);
	}

	/**
	 * Returns the operating system's id of the application's process.
	 * @return the pid
	 */
	public long pid() {
		return this.process.pid();
	}

	private void awaitHealthy(Path log) throws IOException, InterruptedException {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		HttpRequest health = HttpRequest.newBuilder(uri("/actuator/health")).timeout(Duration.ofSeconds(2)).build();
		long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IOException("The application exited with " + this.process.exitValue() + "; see " + log);
			}
			try {
				if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			Thread.sleep(200);
		}
		throw new IOException("The application did not become healthy within " + STARTUP_TIMEOUT + "; see " + log);
	}

	/** Stops the application: SIGTERM, then SIGKILL if it has not exited after 20 seconds. */
	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
