package dev.jvmpprof.gotool;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.jvmpprof.testing.Contention;
import dev.jvmpprof.testing.GoTool;
import dev.jvmpprof.testing.GoTool.Result;
import dev.jvmpprof.testing.HotLoop;
import dev.jvmpprof.testing.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Go's own client reading the lock and wall-clock profiles, with the commands a Go user types.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "management.endpoints.web.exposure.include=pprof")
class GoToolPprofLockAndWallProfileTests {

	@LocalServerPort
	private int port;

	private String url(String path) {
		return "http://localhost:" + this.port + "/actuator/pprof" + path;
	}

	@ParameterizedTest
	@ValueSource(strings = { "mutex", "block" })
	void lockProfilesShouldHaveGosHeaderShapeAndShowTheContendedMethods(String name) throws Exception {
		Result raw;
		Result top;
		try (Contention contention = Contention.start()) {
			raw = GoTool.pprof("-raw", "-seconds", "2", url("/" + name));
			top = GoTool.pprof("-top", "-contentions", "-seconds", "2", url("/" + name));
		}
		assertThat(raw.exitCode()).as(raw.stderr()).isZero();
		List<String> ours = raw.lines();
		List<String> go = Files.readAllLines(Path.of("src/test/resources/reference/go1.19/" + name + "-delta.raw.txt"));
		assertThat(ours.get(0)).isEqualTo(go.get(0)).isEqualTo("PeriodType: contentions count");
		assertThat(ours.get(1)).isEqualTo(go.get(1)).isEqualTo("Period: 1");
		assertThat(ours.get(3)).matches("Duration: 2(\\.[0-9]+)?");
		assertThat(ours.get(5)).isEqualTo(go.get(5)).isEqualTo("contentions/count delay/nanoseconds");
		assertThat(top.exitCode()).as(top.stderr()).isZero();
		assertThat(top.stdout()).contains("Type: contentions", "dev.jvmpprof.testing.Contention.holdLock",
				"dev.jvmpprof.testing.Contention.holdMonitor");
	}

	@Test
	void mutexAndCpuProfilesShouldRunAtTheSameTime() throws Exception {
		try (Contention contention = Contention.start(); HotLoop loop = HotLoop.start()) {
			CompletableFuture<Result> cpu = CompletableFuture.supplyAsync(() -> run("-top", "-seconds", "2", url("/profile")));
			Result mutex = GoTool.pprof("-top", "-seconds", "2", url("/mutex"));
			assertThat(mutex.exitCode()).as(mutex.stderr()).isZero();
			Result cpuResult = cpu.get(60, TimeUnit.SECONDS);
			assertThat(cpuResult.exitCode()).as(cpuResult.stderr()).isZero();
			assertThat(cpuResult.stdout()).contains("Type: cpu", "HotLoop.spin");
			assertThat(mutex.stdout()).contains("Type: delay", "Contention.hold");
		}
	}

	@Test
	void wallShouldShowThreadsThatWaitWithStateLabels() throws Exception {
		Result result;
		try (Contention contention = Contention.start()) {
			result = GoTool.pprof("-top", "-seconds", "2", "-tagfocus", "thread=latch-waiter", url("/wall"));
		}
		assertThat(result.exitCode()).as(result.stderr()).isZero();
		assertThat(result.stdout()).contains("Type: wall", "Contention.awaitLatch");
		Result raw = GoTool.pprof("-raw", "-seconds", "1", url("/wall"));
		assertThat(raw.lines().get(0)).isEqualTo("PeriodType: wall nanoseconds");
		assertThat(raw.stdout()).contains("samples/count wall/nanoseconds").containsPattern("state:\\[[A-Z]+\\]");
	}

	private static Result run(String... arguments) {
		try {
			return GoTool.pprof(arguments);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
