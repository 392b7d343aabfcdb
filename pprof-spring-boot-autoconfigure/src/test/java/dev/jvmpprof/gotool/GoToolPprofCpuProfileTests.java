package dev.jvmpprof.gotool;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.jvmpprof.testing.GoTool;
import dev.jvmpprof.testing.GoTool.Result;
import dev.jvmpprof.testing.HotLoop;
import dev.jvmpprof.testing.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Go's own client against our server: what a user of {@code go tool pprof} sees.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "management.endpoints.web.exposure.include=pprof")
class GoToolPprofCpuProfileTests {

	private static final Path REFERENCE = Path.of("src/test/resources/reference/go1.19/profile.raw.txt");

	@LocalServerPort
	private int port;

	private String url(String path) {
		return "http://localhost:" + this.port + "/actuator/pprof" + path;
	}

	@Test
	void rawShouldHaveTheHeaderShapeOfGosCpuProfile() throws Exception {
		Result result;
		try (HotLoop loop = HotLoop.start()) {
			result = GoTool.pprof("-raw", url("/profile?seconds=2"));
		}
		assertThat(result.exitCode()).as(result.stderr()).isZero();
		List<String> ours = result.lines();
		List<String> go = Files.readAllLines(REFERENCE);
		assertThat(ours.get(0)).isEqualTo(go.get(0)).isEqualTo("PeriodType: cpu nanoseconds");
		assertThat(ours.get(1)).isEqualTo(go.get(1)).isEqualTo("Period: 10000000");
		assertThat(ours.get(2)).startsWith("Time: ");
		assertThat(ours.get(3)).matches("Duration: 2(\\.[0-9]+)?");
		assertThat(ours.get(4)).isEqualTo(go.get(4)).isEqualTo("Samples:");
		assertThat(ours.get(5)).isEqualTo(go.get(5)).isEqualTo("samples/count cpu/nanoseconds");
		assertThat(result.stdout()).containsPattern(
				"M=1 dev\\.jvmpprof\\.testing\\.HotLoop\\.spin dev/jvmpprof/testing/HotLoop\\.java:[1-9][0-9]* s=0");
		assertThat(result.stdout()).contains("thread:[hot-loop]");
		assertThat(result.stdout()).containsPattern("\\[FN\\]\\[FL\\]\\[LN\\]\\[IN\\]");
		assertThat(result.stderr()).doesNotContain("symbolization", "Local symbolization failed");
	}

	@Test
	void topShouldPutTheHotMethodFirst() throws Exception {
		Result result;
		try (HotLoop loop = HotLoop.start()) {
			// Long enough for the server's connection checks: empty deflate blocks before the profile.
			result = GoTool.pprof("-top", "-seconds", "4", url("/profile"));
		}
		assertThat(result.exitCode()).as(result.stderr()).isZero();
		assertThat(result.stdout()).contains("Type: cpu").containsPattern("Duration: 4(\\.[0-9]+)?s, Total samples = ");
		String firstRow = result.lines()
			.stream()
			.dropWhile((line) -> !line.trim().startsWith("flat"))
			.skip(1)
			.findFirst()
			.orElseThrow();
		assertThat(firstRow).contains("dev.jvmpprof.testing.HotLoop.spin");
	}

	@Test
	void listShouldShowCostsOnSourceLines() throws Exception {
		Result result;
		try (HotLoop loop = HotLoop.start()) {
			result = GoTool.pprof("-list", "HotLoop.spin", "-source_path", "src/test/java", url("/profile?seconds=2"));
		}
		assertThat(result.exitCode()).as(result.stderr()).isZero();
		assertThat(result.stdout()).contains("ROUTINE ======================== dev.jvmpprof.testing.HotLoop.spin in dev/jvmpprof/testing/HotLoop.java")
			.containsPattern("\\n +[0-9.]+m?s +[0-9.]+m?s +[0-9]+:\\s+(for \\(int i|sum \\+=)");
	}

	@Test
	void errorsShouldReachTheClientWithOurSentence() throws Exception {
		Result result = GoTool.pprof("-raw", url("/profile?seconds=abc"));
		assertThat(result.exitCode()).isNotZero();
		// Tomcat sends no reason phrase, so Go prints "400 " where Netty gives "400 Bad Request".
		assertThat(result.stderr()).containsPattern(
				"server response: 400 [A-Za-z ]*- invalid value for \"seconds\" - must be a positive integer");
		Result unknown = GoTool.pprof("-raw", url("/nosuch"));
		assertThat(unknown.stderr())
			.containsPattern("server response: 404 [A-Za-z ]*- Unknown profile: the profiles are allocs, block, ");
	}

}
