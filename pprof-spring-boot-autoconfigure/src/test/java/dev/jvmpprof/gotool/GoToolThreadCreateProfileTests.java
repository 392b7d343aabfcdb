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
import dev.jvmpprof.testing.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Go's own client against our {@code threadcreate} profile.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "management.endpoints.web.exposure.include=pprof")
class GoToolThreadCreateProfileTests {

	private static final Path REFERENCE = Path.of("src/test/resources/reference/go1.19/threadcreate.raw.txt");

	@LocalServerPort
	private int port;

	private String url(String path) {
		return "http://localhost:" + this.port + "/actuator/pprof" + path;
	}

	@Test
	void rawShouldHaveTheHeaderShapeOfGosThreadCreateProfile() throws Exception {
		startThreadsHere(3);
		Result result = GoTool.pprof("-raw", url("/threadcreate"));
		assertThat(result.exitCode()).as(result.stderr()).isZero();
		List<String> ours = result.lines();
		List<String> go = Files.readAllLines(REFERENCE);
		assertThat(ours.get(0)).isEqualTo(go.get(0)).isEqualTo("PeriodType: threadcreate count");
		assertThat(ours.get(1)).isEqualTo(go.get(1)).isEqualTo("Period: 1");
		assertThat(ours.get(2)).startsWith("Time: ");
		assertThat(ours.get(3)).isEqualTo(go.get(3)).isEqualTo("Samples:");
		assertThat(ours.get(4)).isEqualTo(go.get(4)).isEqualTo("threadcreate/count");
		assertThat(result.stdout()).containsPattern("M=1 dev\\.jvmpprof\\.gotool\\.GoToolThreadCreateProfileTests\\.startThreadsHere "
				+ "dev/jvmpprof/gotool/GoToolThreadCreateProfileTests\\.java:[1-9][0-9]* s=0");
		assertThat(result.stderr()).doesNotContain("symbolization");
	}

	@Test
	void topWithSecondsShouldCountTheThreadsStartedInTheWindow() throws Exception {
		Thread starter = new Thread(() -> {
			try {
				Thread.sleep(500);
				startThreadsHere(5);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		starter.start();
		Result result = GoTool.pprof("-top", "-cum", "-seconds", "2", url("/threadcreate"));
		starter.join();
		assertThat(result.exitCode()).as(result.stderr()).isZero();
		assertThat(result.stdout()).contains("Type: threadcreate", "Duration: 2s");
		assertThat(result.stdout()).containsPattern(
				"\\n +[0-9]+ +[0-9.]+% +[0-9.]+% +5 +[0-9.]+% +dev\\.jvmpprof\\.gotool\\.GoToolThreadCreateProfileTests\\.startThreadsHere\\n");
	}

	static void startThreadsHere(int count) throws InterruptedException {
		for (int i = 0; i < count; i++) {
			Thread thread = new Thread(() -> {
			}, "go-started-" + i);
			thread.start();
			thread.join();
		}
	}

}
