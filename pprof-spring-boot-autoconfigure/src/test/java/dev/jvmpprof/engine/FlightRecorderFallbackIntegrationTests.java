package dev.jvmpprof.engine;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.jvmpprof.testing.ChildApplication;
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
		try (ChildApplication app = ChildApplication.start(TestApplication.class, this.directory,
				"-Done.profiler.libraryPath=/nonexistent/libasyncProfiler.so")) {
			String base = app.url("/actuator/pprof");
			assertThat(app.log()).contains("pprof: async-profiler cannot be loaded here")
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
	}

}
