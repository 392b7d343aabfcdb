package dev.jvmpprof.lock;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.jvmpprof.testing.CountedContention;
import dev.jvmpprof.testing.DecodedProfile;
import dev.jvmpprof.testing.GoTool;
import dev.jvmpprof.testing.Http;
import dev.jvmpprof.testing.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Plain {@code block} and {@code mutex} over real HTTP, as a scraper asks for them: answered at once, cumulative since
 * startup, so that the difference of two answers is the waits in between.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=pprof", "pprof.lock.always-on=true" })
class LockProfilesSinceStartupWebIntegrationTests {

	private static final int WAITERS = 4;

	@LocalServerPort
	private int port;

	@ParameterizedTest
	@ValueSource(strings = { "block", "mutex" })
	void plainLockProfilesShouldCountEveryWaitSinceStartup(String name) throws Exception {
		CountedContention.run(WAITERS);
		DecodedProfile first = awaitEveryWait(name);
		CountedContention.run(WAITERS);
		DecodedProfile second = awaitEveryWait(name);
		assertThat(contentions(second, "enterMonitor") - contentions(first, "enterMonitor")).isEqualTo(WAITERS);
		// A parked waiter may park more than once while it waits its turn.
		assertThat(contentions(second, "takeLock") - contentions(first, "takeLock")).isBetween((long) WAITERS,
				2L * WAITERS);
		assertThat(delayNanos(second, "enterMonitor") - delayNanos(first, "enterMonitor"))
			.isGreaterThanOrEqualTo(WAITERS * Duration.ofMillis(20).toNanos());
		assertNeverDown(first, second);
	}

	/**
	 * Asks until the answer holds every monitor wait of every run so far: the stream delivers waits about a second
	 * after they end, and an answer does not wait for them.
	 */
	private DecodedProfile awaitEveryWait(String name) {
		long expected = CountedContention.waitsSoFar();
		DecodedProfile profile = await().atMost(Duration.ofSeconds(30))
			.until(() -> take(name).profile(), (answer) -> contentions(answer, "enterMonitor") >= expected);
		assertThat(contentions(profile, "enterMonitor")).isEqualTo(expected);
		return profile;
	}

	@ParameterizedTest
	@ValueSource(strings = { "block", "mutex" })
	void consecutivePlainAnswersShouldArriveWellUnderASecondAndNeverGoDown(String name) throws Exception {
		// Also loads the classes of a profile and its encoding, as the server's first answer of all does.
		CountedContention.run(WAITERS);
		awaitEveryWait(name);
		Answer first = take(name);
		CountedContention.run(WAITERS);
		Answer second = take(name);
		assertThat(first.elapsed()).isLessThan(Duration.ofSeconds(1));
		assertThat(second.elapsed()).isLessThan(Duration.ofSeconds(1));
		assertThat(first.response().headers().firstValue("Content-Disposition"))
			.hasValue("attachment; filename=\"" + name + "\"");
		assertThat(first.profile().sampleTypes()).containsExactly("contentions/count", "delay/nanoseconds");
		assertThat(first.profile().proto().getDurationNanos()).isZero();
		assertNeverDown(first.profile(), second.profile());
		Path file = Files.createTempFile(name, ".pb.gz");
		try {
			Files.write(file, second.response().body());
			GoTool.Result raw = GoTool.pprof("-raw", file.toString());
			assertThat(raw.exitCode()).as(raw.stderr()).isZero();
			assertThat(raw.lines()).contains("PeriodType: contentions count", "contentions/count delay/nanoseconds");
		}
		finally {
			Files.delete(file);
		}
	}

	@Test
	void plainBlockShouldLeaveOutThreadsWaitingForWork() throws Exception {
		ScheduledExecutorService idle = Executors.newSingleThreadScheduledExecutor();
		try {
			idle.scheduleWithFixedDelay(() -> { }, 0, 20, TimeUnit.MILLISECONDS);
			CountedContention.run(WAITERS);
			DecodedProfile block = awaitEveryWait("block");
			// The executor's worker has waited some 50 times by now, and Tomcat's workers between requests.
			assertThat(block.sumWhereStackContains(0, "DelayedWorkQueue.take")).isZero();
			assertThat(block.sumWhereStackContains(0, "ThreadPoolExecutor.getTask")).isZero();
			assertThat(contentions(block, "enterMonitor")).isPositive();
		}
		finally {
			idle.shutdownNow();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "block", "mutex" })
	void debugOneShouldBeGosContentionTextThatGoToolPprofReads(String name) throws Exception {
		CountedContention.run(WAITERS);
		awaitEveryWait(name);
		HttpResponse<byte[]> response = Http.get("http://localhost:" + this.port + "/actuator/pprof/" + name
				+ "?debug=1");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/plain"));
		String text = Http.text(response);
		assertThat(text).startsWith(name.equals("mutex") ? "--- mutex:\ncycles/second=1000000000\nsampling period=1\n"
				: "--- contention:\ncycles/second=1000000000\n");
		assertThat(text).containsPattern("\n[0-9]+ [0-9]+ @( 0x[0-9a-f]+)+\n")
			.containsPattern("\n#\t0x[0-9a-f]+\tdev\\.jvmpprof\\.testing\\.CountedContention\\.enterMonitor\t+"
					+ "dev/jvmpprof/testing/CountedContention\\.java:[0-9]+\n");
		Path file = Files.createTempFile(name, ".txt");
		try {
			Files.writeString(file, text);
			GoTool.Result raw = GoTool.pprof("-raw", file.toString());
			assertThat(raw.exitCode()).as(raw.stderr()).isZero();
			assertThat(raw.stdout()).contains("contentions/count delay/nanoseconds");
		}
		finally {
			Files.delete(file);
		}
	}

	private Answer take(String name) {
		long start = System.nanoTime();
		HttpResponse<byte[]> response = Http.get("http://localhost:" + this.port + "/actuator/pprof/" + name);
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		assertThat(response.statusCode()).isEqualTo(200);
		return new Answer(response, DecodedProfile.decode(response.body()), elapsed);
	}

	private static long contentions(DecodedProfile profile, String method) {
		return profile.sumWhereStackContains(0, "CountedContention." + method);
	}

	private static long delayNanos(DecodedProfile profile, String method) {
		return profile.sumWhereStackContains(1, "CountedContention." + method);
	}

	/** Every (stack, labels) of the earlier answer is in the later one, with values no smaller. */
	private static void assertNeverDown(DecodedProfile earlier, DecodedProfile later) {
		Map<String, long[]> before = earlier.valuesByStackAndLabels();
		Map<String, long[]> after = later.valuesByStackAndLabels();
		assertThat(before).isNotEmpty();
		before.forEach((key, values) -> {
			assertThat(after).as("a later answer still has %s", key).containsKey(key);
			assertThat(after.get(key)[0]).as("contentions at %s", key).isGreaterThanOrEqualTo(values[0]);
			assertThat(after.get(key)[1]).as("delay at %s", key).isGreaterThanOrEqualTo(values[1]);
		});
	}

	private record Answer(HttpResponse<byte[]> response, DecodedProfile profile, Duration elapsed) {
	}

}
