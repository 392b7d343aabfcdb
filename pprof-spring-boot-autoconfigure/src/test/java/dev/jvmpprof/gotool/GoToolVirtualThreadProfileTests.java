package dev.jvmpprof.gotool;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.jvmpprof.testing.GoTool;
import dev.jvmpprof.testing.GoTool.Result;
import dev.jvmpprof.testing.Http;
import dev.jvmpprof.testing.ParkedThreads;
import dev.jvmpprof.testing.TestApplication;
import dev.jvmpprof.testing.VirtualHotLoop;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Go's own client against an application with virtual threads (Java 21+): they are counted in {@code goroutine} with
 * their stacks, and sampled in the CPU and wall profiles while they run. async-profiler samples the carrier thread,
 * which runs the virtual thread's frames, so such samples carry the carrier's name; Flight Recorder samples the
 * virtual thread itself and names it. A parked virtual thread runs on no thread, so no sampler sees it: the
 * goroutine profile does. The compatibility tests run these on Java 25; on Java 17 they are skipped.
 */
@EnabledForJreRange(min = JRE.JAVA_21)
class GoToolVirtualThreadProfileTests {

	private static final String SPIN = "dev.jvmpprof.testing.VirtualHotLoop.spin";

	private static final String VIRTUAL_THREAD_RUN = "java.lang.VirtualThread.run";

	private static final Pattern CARRIER = Pattern.compile("thread: +ForkJoinPool-[0-9]+-worker-[0-9]+\\n");

	static String url(int port, String path) {
		return "http://localhost:" + port + "/actuator/pprof" + path;
	}

	/**
	 * Returns the stacks of {@code go tool pprof -traces} output that hold {@code function}, each with its labels.
	 */
	static List<String> tracesWith(Result result, String function) {
		return Arrays.stream(result.stdout().split("-+\\+-+\\n"))
			.filter((trace) -> trace.contains(" " + function + "\n"))
			.toList();
	}

	@Nested
	@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = "management.endpoints.web.exposure.include=pprof")
	class WithAsyncProfiler {

		@LocalServerPort
		private int port;

		@Test
		void cpuProfileShouldSampleARunningVirtualThreadUnderItsCarrier() throws Exception {
			Result result;
			try (VirtualHotLoop loop = VirtualHotLoop.start()) {
				result = GoTool.pprof("-traces", url(this.port, "/profile?seconds=2"));
			}
			assertThat(result.exitCode()).as(result.stderr()).isZero();
			assertThat(tracesWith(result, SPIN)).isNotEmpty().allSatisfy((trace) -> {
				assertThat(trace).contains(VIRTUAL_THREAD_RUN).containsPattern(CARRIER);
			});
		}

		@Test
		void wallProfileShouldSampleARunningVirtualThreadUnderItsCarrier() throws Exception {
			Result result;
			try (VirtualHotLoop loop = VirtualHotLoop.start()) {
				result = GoTool.pprof("-traces", url(this.port, "/wall?seconds=2"));
			}
			assertThat(result.exitCode()).as(result.stderr()).isZero();
			assertThat(tracesWith(result, SPIN)).isNotEmpty().allSatisfy((trace) -> {
				assertThat(trace).contains(VIRTUAL_THREAD_RUN, "state:  RUNNABLE").containsPattern(CARRIER);
			});
		}

		@Test
		void goroutineShouldCountParkedVirtualThreadsWithTheirStacks() throws Exception {
			Result result;
			String debug2;
			try (ParkedThreads parked = ParkedThreads.startVirtual("virtual-parked", 40)) {
				result = GoTool.pprof("-traces", url(this.port, "/goroutine"));
				debug2 = Http.text(Http.get(url(this.port, "/goroutine?debug=2")));
			}
			assertThat(result.exitCode()).as(result.stderr()).isZero();
			assertThat(tracesWith(result, "dev.jvmpprof.testing.ParkedThreads.parkHere")).singleElement()
				.satisfies((trace) -> assertThat(trace).contains("state:  WAITING", "java.lang.VirtualThread.park")
					.containsPattern("\\n +40 +java\\.lang\\.VirtualThread\\.park\\n"));
			assertThat(debug2).containsPattern("\"virtual-parked-0\" #[0-9]+ virtual\\n"
					+ "   java.lang.Thread.State: WAITING \\(parking\\)\\n\\tat java.lang.VirtualThread.park\\(");
			assertThat(debug2.split("\"virtual-parked-[0-9]+\" #[0-9]+ virtual\\n", -1)).hasSize(41);
		}

	}

	@Nested
	@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "management.endpoints.web.exposure.include=pprof", "pprof.engine=jfr" })
	class WithFlightRecorder {

		@LocalServerPort
		private int port;

		@Test
		void cpuProfileShouldSampleARunningVirtualThreadUnderItsOwnName() throws Exception {
			Result result;
			try (VirtualHotLoop loop = VirtualHotLoop.start()) {
				result = GoTool.pprof("-traces", url(this.port, "/profile?seconds=2"));
			}
			assertThat(result.exitCode()).as(result.stderr()).isZero();
			assertThat(tracesWith(result, SPIN)).isNotEmpty().allSatisfy((trace) -> {
				assertThat(trace).contains(VIRTUAL_THREAD_RUN, "thread:  virtual-hot-loop\n");
			});
		}

	}

}
