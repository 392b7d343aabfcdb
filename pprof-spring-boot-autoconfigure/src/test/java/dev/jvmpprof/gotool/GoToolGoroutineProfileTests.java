package dev.jvmpprof.gotool;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.jvmpprof.testing.GoTool;
import dev.jvmpprof.testing.GoTool.Result;
import dev.jvmpprof.testing.Http;
import dev.jvmpprof.testing.ParkedThreads;
import dev.jvmpprof.testing.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Go's own client against our {@code goroutine} profile: what a user of {@code go tool pprof} sees.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "management.endpoints.web.exposure.include=pprof")
class GoToolGoroutineProfileTests {

	private static final Path REFERENCE = Path.of("src/test/resources/reference/go1.19/goroutine.raw.txt");

	@LocalServerPort
	private int port;

	private String url(String path) {
		return "http://localhost:" + this.port + "/actuator/pprof" + path;
	}

	@Test
	void rawShouldHaveTheHeaderShapeOfGosGoroutineProfile() throws Exception {
		Result result;
		try (ParkedThreads parked = ParkedThreads.start("go-parked", 3)) {
			result = GoTool.pprof("-raw", url("/goroutine"));
		}
		assertThat(result.exitCode()).as(result.stderr()).isZero();
		List<String> ours = result.lines();
		List<String> go = Files.readAllLines(REFERENCE);
		assertThat(ours.get(0)).isEqualTo(go.get(0)).isEqualTo("PeriodType: goroutine count");
		assertThat(ours.get(1)).isEqualTo(go.get(1)).isEqualTo("Period: 1");
		assertThat(ours.get(2)).startsWith("Time: ");
		assertThat(ours.get(3)).isEqualTo(go.get(3)).isEqualTo("Samples:");
		assertThat(ours.get(4)).isEqualTo(go.get(4)).isEqualTo("goroutine/count");
		assertThat(result.stdout()).containsPattern(
				"M=1 dev\\.jvmpprof\\.testing\\.ParkedThreads\\.parkHere dev/jvmpprof/testing/ParkedThreads\\.java:[1-9][0-9]* s=0");
		assertThat(result.stdout()).contains("state:[WAITING]", "thread:[");
		assertThat(result.stderr()).doesNotContain("symbolization");
	}

	@Test
	void topShouldCountTheThreadsOfEachStack() throws Exception {
		Result result;
		try (ParkedThreads parked = ParkedThreads.start("go-parked", 3)) {
			result = GoTool.pprof("-top", "-cum", url("/goroutine"));
		}
		assertThat(result.exitCode()).as(result.stderr()).isZero();
		assertThat(result.stdout()).contains("Type: goroutine");
		assertThat(result.stdout()).containsPattern("\\n +0 +0% +[0-9.]+% +[3-9][0-9]* +[0-9.]+% +dev\\.jvmpprof\\.testing\\.ParkedThreads\\.parkHere\\n");
	}

	@Test
	void tagfocusOnStateShouldKeepOnlyThreadsInThatState() throws Exception {
		Result waiting;
		Result runnable;
		try (ParkedThreads parked = ParkedThreads.start("go-parked", 3)) {
			waiting = GoTool.pprof("-top", "-cum", "-tagfocus", "state=WAITING", url("/goroutine"));
			runnable = GoTool.pprof("-top", "-cum", "-tagfocus", "state=RUNNABLE", url("/goroutine"));
		}
		assertThat(waiting.exitCode()).as(waiting.stderr()).isZero();
		assertThat(waiting.stdout()).contains("ParkedThreads.parkHere").doesNotContain("GoroutineProfileCollector.take");
		assertThat(runnable.stdout()).contains("GoroutineProfileCollector.take").doesNotContain("ParkedThreads.parkHere");
	}

	@Test
	void secondsShouldAnswerTheDifferenceOverTheWindow() throws Exception {
		CompletableFuture<ParkedThreads> during = CompletableFuture.supplyAsync(() -> {
			try {
				Thread.sleep(500);
				return ParkedThreads.start("go-during", 2);
			}
			catch (InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		});
		Result result = GoTool.pprof("-top", "-cum", "-seconds", "2", url("/goroutine"));
		during.get().close();
		assertThat(result.exitCode()).as(result.stderr()).isZero();
		assertThat(result.stdout()).contains("Type: goroutine").contains("Duration: 2s");
		assertThat(result.stdout()).containsPattern("\\n +0 +0% +[0-9.]+% +2 +[0-9.]+% +dev\\.jvmpprof\\.testing\\.ParkedThreads\\.parkHere\\n");
	}

	@Test
	void debug1TextShouldBeReadByPprofsLegacyParser(@TempDir Path dir) throws Exception {
		HttpResponse<byte[]> response;
		try (ParkedThreads parked = ParkedThreads.start("go-parked", 3)) {
			response = Http.get(url("/goroutine?debug=1"));
		}
		Path file = Files.write(dir.resolve("goroutine.txt"), response.body());
		Result result = GoTool.pprof("-raw", file.toString());
		assertThat(result.exitCode()).as(result.stderr()).isZero();
		long total = Long.parseLong(Http.text(response).lines().findFirst().orElseThrow().replaceAll("\\D", ""));
		long parsed = result.lines()
			.stream()
			.dropWhile((line) -> !line.equals("goroutine/count"))
			.skip(1)
			.takeWhile((line) -> !line.equals("Locations"))
			.mapToLong((line) -> Long.parseLong(line.trim().split(":")[0]))
			.sum();
		assertThat(parsed).isEqualTo(total);
	}

}
