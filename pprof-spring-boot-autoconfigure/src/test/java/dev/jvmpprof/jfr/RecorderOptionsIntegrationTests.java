package dev.jvmpprof.jfr;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.jvmpprof.testing.ChildApplication;
import dev.jvmpprof.testing.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flight Recorder's options in a service that runs the starter, each in a JVM of its own: the options are the JVM's,
 * and can be set only before Flight Recorder first starts.
 */
class RecorderOptionsIntegrationTests {

	@TempDir
	private Path directory;

	@Test
	void theStarterShouldDeepenStacksAndShrinkTheGlobalBuffersWhereTheCommandLineDidNot() throws Exception {
		try (ChildApplication service = ChildApplication.start(TestApplication.class, this.directory)) {
			String options = flightRecorderOptions(service);
			assertThat(options).contains("Stack depth: " + RecorderOptions.FRAMES + "\n")
				.contains("Global buffer count: " + RecorderOptions.GLOBAL_BUFFERS + "\n");
		}
	}

	@Test
	void optionsOnTheCommandLineShouldStand() throws Exception {
		try (ChildApplication service = ChildApplication.start(TestApplication.class, this.directory, Map.of(),
				List.of("-XX:FlightRecorderOptions:stackdepth=64,numglobalbuffers=20"), List.of())) {
			// The JDK's own defaults, asked for: only the command line tells them from values nobody set.
			String options = flightRecorderOptions(service);
			assertThat(options).contains("Stack depth: 64\n").contains("Global buffer count: 20\n");
		}
	}

	/**
	 * Asks the service's JVM for its Flight Recorder options with {@code jcmd}, as an operator would.
	 */
	private static String flightRecorderOptions(ChildApplication service) throws Exception {
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		Process process = new ProcessBuilder(jcmd.toString(), Long.toString(service.pid()), "JFR.configure")
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("jcmd ended").isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		return output;
	}

}
