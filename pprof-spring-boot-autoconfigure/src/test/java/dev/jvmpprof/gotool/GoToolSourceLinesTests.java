package dev.jvmpprof.gotool;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.jvmpprof.testing.Contention;
import dev.jvmpprof.testing.GoTool;
import dev.jvmpprof.testing.GoTool.Result;
import dev.jvmpprof.testing.HeapHoard;
import dev.jvmpprof.testing.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code go tool pprof -list} prints the cost of each source line for the memory and lock profiles too (the CPU
 * profile's is in {@link GoToolPprofCpuProfileTests}): every Java frame carries its file, relative to a source root,
 * and its line.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "management.endpoints.web.exposure.include=pprof")
class GoToolSourceLinesTests {

	@LocalServerPort
	private int port;

	private String url(String path) {
		return "http://localhost:" + this.port + "/actuator/pprof" + path;
	}

	@Test
	void heapListShouldPutTheLiveBytesOnTheAllocatingLine() throws Exception {
		Result result;
		try (HeapHoard hoard = HeapHoard.keep(64, 64 * 1024)) {
			HeapHoard.churn(256L << 20);
			result = GoTool.pprof("-sample_index=inuse_space", "-list", "HeapHoard.keep", "-source_path",
					"src/test/java", url("/heap?gc=1"));
		}
		assertThat(result.exitCode()).as(result.stderr()).isZero();
		assertThat(result.stdout()).as(result.stdout() + result.stderr())
			.contains("ROUTINE ======================== dev.jvmpprof.testing.HeapHoard.keep in dev/jvmpprof/testing/HeapHoard.java")
			// The allocated type is the leaf frame, so the line's cost is cumulative.
			.containsPattern("\\n +\\. +[0-9.]+[kMG]B +[0-9]+:\\s+hoard\\.kept\\.add\\(new long");
	}

	@Test
	void blockListShouldPutTheWaitsOnTheLockingLines() throws Exception {
		Result result;
		try (Contention contention = Contention.start()) {
			result = GoTool.pprof("-list", "Contention.hold", "-source_path", "src/test/java", "-seconds", "2",
					url("/block"));
		}
		assertThat(result.exitCode()).as(result.stderr()).isZero();
		assertThat(result.stdout()).as(result.stdout() + result.stderr())
			.contains("ROUTINE ======================== dev.jvmpprof.testing.Contention.holdMonitor")
			// Flight Recorder places a monitor wait on the first line inside the synchronized block.
			.containsPattern("\\n +[0-9.]+m?s +[0-9.]+m?s +[0-9]+:\\s+(synchronized \\(this\\.monitor\\)|this\\.monitorHolder = )")
			.containsPattern("\\n +(\\.|[0-9.]+m?s) +[0-9.]+m?s +[0-9]+:\\s+this\\.lock\\.lock\\(\\)");
	}

}
