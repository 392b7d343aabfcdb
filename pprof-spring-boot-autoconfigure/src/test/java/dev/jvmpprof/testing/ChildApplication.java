package dev.jvmpprof.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A test application in a JVM of its own, as a service runs: for what a JVM shared with other tests would disturb
 * (garbage and state left by earlier contexts).
 */
public final class ChildApplication implements AutoCloseable {

	private final Process process;

	private final Path log;

	private final int port;

	private ChildApplication(Process process, Path log, int port) {
		this.process = process;
		this.log = log;
		this.port = port;
	}

	/**
	 * Starts {@code mainClass} with the test class path on a free port, and waits until its pprof index answers.
	 * @param mainClass the application
	 * @param directory where its log goes
	 * @param jvmOptions options for the JVM, such as system properties
	 * @return the running application
	 * @throws Exception if it does not start within a minute
	 */
	public static ChildApplication start(Class<?> mainClass, Path directory, String... jvmOptions) throws Exception {
		return start(mainClass, directory, Map.of(), List.of(jvmOptions), List.of());
	}

	/**
	 * Starts {@code mainClass} as {@link #start(Class, Path, String...)} does, with more of what a service is
	 * started with.
	 * @param mainClass the application
	 * @param directory where its log goes
	 * @param environment variables added to its environment
	 * @param jvmOptions options for the JVM, such as system properties
	 * @param arguments arguments for the application, after the ones that set its port
	 * @return the running application
	 * @throws Exception if it does not start within a minute
	 */
	public static ChildApplication start(Class<?> mainClass, Path directory, Map<String, String> environment,
			List<String> jvmOptions, List<String> arguments) throws Exception {
		int port = freePort();
		Path log = directory.resolve("app.log");
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName(),
				"--server.port=" + port, "--spring.main.web-application-type=servlet",
				"--management.endpoints.web.exposure.include=pprof"));
		command.addAll(arguments);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().putAll(environment);
		Process process = builder.start();
		ChildApplication application = new ChildApplication(process, log, port);
		try {
			application.awaitStarted();
		}
		catch (Exception | AssertionError ex) {
			application.close();
			throw ex;
		}
		return application;
	}

	/**
	 * Returns the application's process id, for the JDK's tools.
	 * @return the process id
	 */
	public long pid() {
		return this.process.pid();
	}

	/**
	 * Returns what the application has written to its standard output and error so far.
	 * @return the log
	 * @throws IOException if the log cannot be read
	 */
	public String log() throws IOException {
		return Files.readString(this.log);
	}

	/**
	 * Returns the URL of a path on the application.
	 * @param path the path, from {@code /}
	 * @return the URL
	 */
	public String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	private void awaitStarted() throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new AssertionError("The application stopped:\n" + Files.readString(this.log));
			}
			try {
				if (Http.get(url("/actuator/pprof")).statusCode() == 200) {
					return;
				}
			}
			catch (RuntimeException ex) {
				// Not listening yet.
			}
			Thread.sleep(250);
		}
		throw new AssertionError("The application did not start:\n" + Files.readString(this.log));
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
