package dev.jvmpprof.gotool;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.jvmpprof.testing.ChildApplication;
import dev.jvmpprof.testing.GoTool;
import dev.jvmpprof.testing.GoTool.Result;
import dev.jvmpprof.testing.HeapHoard;
import dev.jvmpprof.testing.HoardingApplication;
import dev.jvmpprof.testing.Http;
import dev.jvmpprof.testing.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

/**
 * Go's own client against our heap and allocs profiles: what a user of {@code go tool pprof} sees.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "management.endpoints.web.exposure.include=pprof")
class GoToolHeapProfileTests {

	private static final Path REFERENCE = Path.of("src/test/resources/reference/go1.19/heap.raw.txt");

	private static final Pattern MEGABYTES = Pattern.compile("([0-9.]+)MB");

	@LocalServerPort
	private int port;

	private String url(String path) {
		return "http://localhost:" + this.port + "/actuator/pprof" + path;
	}

	@Test
	void rawShouldHaveTheHeaderShapeOfGosHeapProfile() throws Exception {
		Result result = GoTool.pprof("-raw", url("/heap"));
		assertThat(result.exitCode()).as(result.stderr()).isZero();
		// pprof prints a profile's comments first; ours says as of which marking in-use holds. Go's has none.
		List<String> comments = result.lines().stream().takeWhile((line) -> line.startsWith("Comment: ")).toList();
		assertThat(comments).singleElement(STRING)
			.startsWith("Comment: inuse: the objects alive at the old-generation marking of ");
		List<String> ours = result.lines().subList(comments.size(), result.lines().size());
		List<String> go = Files.readAllLines(REFERENCE);
		assertThat(ours.get(0)).isEqualTo(go.get(0)).isEqualTo("PeriodType: space bytes");
		assertThat(ours.get(1)).isEqualTo(go.get(1)).isEqualTo("Period: 524288");
		assertThat(ours.get(2)).startsWith("Time: ");
		assertThat(ours.get(3)).isEqualTo(go.get(3)).isEqualTo("Samples:");
		assertThat(ours.get(4)).isEqualTo(go.get(4))
			.isEqualTo("alloc_objects/count alloc_space/bytes inuse_objects/count inuse_space/bytes");
		assertThat(result.stdout()).containsPattern("\\n\\s+bytes:\\[[0-9]+\\]\\n");
		assertThat(result.stderr()).doesNotContain("symbolization");
	}

	@Test
	void inuseSpaceTopShouldShowTheKeptMegabytesAtTheMethodThatKeepsThem(@TempDir Path directory) throws Exception {
		// A JVM of its own, as a service has: in this one, earlier test classes' contexts leave garbage that the heap
		// in use at this context's start still counted, and the estimate of the heap from before sampling would
		// keep it (255 live samples of 64 KiB once read 15.94 MB).
		try (ChildApplication service = ChildApplication.start(HoardingApplication.class, directory)) {
			assertThat(Http.get(service.url("/hoard/keep?mebibytes=64&chunk=65536")).statusCode()).isEqualTo(200);
			assertThat(Http.get(service.url("/hoard/churn?mebibytes=256")).statusCode()).isEqualTo(200);
			Result result = GoTool.pprof("-sample_index=inuse_space", "-top", "-cum", "-focus=HeapHoard.keep",
					service.url("/actuator/pprof/heap?gc=1"));
			assertThat(result.exitCode()).as(result.stderr()).isZero();
			assertThat(result.stdout()).contains("Type: inuse_space");
			String row = row(result, "dev.jvmpprof.testing.HeapHoard.keep");
			Matcher cum = MEGABYTES.matcher(row.substring(row.indexOf('%') + 1));
			assertThat(cum.find()).as(row).isTrue();
			assertThat(Double.parseDouble(cum.group(1))).as(row).isBetween(56.0, 84.0);
			assertThat(row(result, "long[]")).isNotEmpty();
		}
	}

	@Test
	void allocSpaceTopShouldShowTheMethodThatChurns() throws Exception {
		HeapHoard.churnFor(Duration.ofSeconds(2));
		Result result = GoTool.pprof("-sample_index=alloc_space", "-top", "-cum", url("/heap"));
		assertThat(result.exitCode()).as(result.stderr()).isZero();
		assertThat(result.stdout()).contains("Type: alloc_space");
		assertThat(row(result, "dev.jvmpprof.testing.HeapHoard.churn")).containsPattern("[0-9.]+[MG]B");
	}

	@Test
	void secondsShouldAnswerAHeapDeltaOfThatDuration() throws Exception {
		Result result = GoTool.pprof("-top", "-seconds", "3", url("/heap"));
		assertThat(result.exitCode()).as(result.stderr()).isZero();
		assertThat(result.stdout()).containsPattern("Duration: [3-6](\\.[0-9]+)?s");
		assertThat(result.stdout()).contains("Type: inuse_space");
	}

	@Test
	void allocsShouldShowAllocSpaceByDefault() throws Exception {
		Result result = GoTool.pprof("-top", url("/allocs"));
		assertThat(result.exitCode()).as(result.stderr()).isZero();
		assertThat(result.stdout()).contains("Type: alloc_space");
	}

	@Test
	void secondsWithDebugShouldReachTheClientAsGosError() throws Exception {
		Result result = GoTool.pprof("-raw", url("/heap?debug=1&seconds=1"));
		assertThat(result.exitCode()).isNotZero();
		assertThat(result.stderr()).containsPattern("server response: 400 [A-Za-z ]*- seconds and debug params are incompatible");
	}

	private static String row(Result result, String function) {
		return result.lines()
			.stream()
			.filter((line) -> line.endsWith(" " + function))
			.findFirst()
			.orElseThrow(() -> new AssertionError(function + " is not in\n" + result.stdout()));
	}

}
