package dev.jvmpprof.engine;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.jvmpprof.testing.DecodedProfile;
import dev.jvmpprof.testing.Http;
import dev.jvmpprof.testing.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application whose native profiler cannot load, as on Windows or with a noexec temporary directory: it says so
 * in one line at startup and serves the profiles it can from the JDK's Flight Recorder. It runs in a JVM of its own,
 * since async-profiler, once loaded, stays loaded.
 */
class FlightRecorderFallbackIntegrationTests {

	@TempDir
	private Path directory;

	@Test
	void missingNativeLibraryShouldFallBackToFlightRecorderAndSayWhy() throws Exception {
		int port = freePort();
		Path log = this.directory.resolve("app.log");
		Process app = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Done.profiler.libraryPath=/nonexistent/libasyncProfiler.so", "-cp",
				System.getProperty("java.class.path"), TestApplication.class.getName(), "--server.port=" + port,
				"--spring.main.web-application-type=servlet", "--management.endpoints.web.exposure.include=pprof")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		try {
			String base = "http://localhost:" + port + "/actuator/pprof";
			awaitStarted(app, base, log);
			assertThat(Files.readString(log)).contains("pprof: async-profiler cannot be loaded here")
				.contains("sampling with the JDK's Flight Recorder instead");
			HttpResponse<byte[]> cpu = Http.get(base + "/profile?seconds=1");
			assertThat(cpu.statusCode()).isEqualTo(200);
			assertThat(DecodedProfile.decode(cpu.body()).sampleTypes()).containsExactly("samples/count",
					"cpu/nanoseconds");
			HttpResponse<byte[]> wall = Http.get(base + "/wall?seconds=1");
			assertThat(wall.statusCode()).isEqualTo(503);
			assertThat(Http.text(wall))
				.isEqualTo("the wall profile needs async-profiler, and this JVM samples with JDK Flight Recorder\n");
		}
		finally {
			app.destroy();
			if (!app.waitFor(20, TimeUnit.SECONDS)) {
				app.destroyForcibly();
			}
		}
	}

	private static void awaitStarted(Process app, String url, Path log) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (System.nanoTime() < deadline) {
			if (!app.isAlive()) {
				throw new AssertionError("The application stopped:\n" + Files.readString(log));
			}
			try {
				if (Http.get(url).statusCode() == 200) {
					return;
				}
			}
			catch (RuntimeException ex) {
				// Not listening yet.
			}
			Thread.sleep(250);
		}
		throw new AssertionError("The application did not start:\n" + Files.readString(log));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
