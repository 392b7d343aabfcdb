package dev.jvmpprof.actuate;

import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.jvmpprof.engine.AsyncProfilerEngine;
import dev.jvmpprof.engine.SamplingEngine;
import dev.jvmpprof.profile.ProfileName;
import dev.jvmpprof.testing.DecodedProfile;
import dev.jvmpprof.testing.GzipMembers;
import dev.jvmpprof.testing.HotLoop;
import dev.jvmpprof.testing.Http;
import dev.jvmpprof.testing.proto.ProfileProto.Sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The endpoint over real HTTP on a real server, the same tests for Spring MVC and for WebFlux.
 */
abstract class AbstractPprofEndpointWebIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private SamplingEngine engine;

	protected String url(String path) {
		return "http://localhost:" + this.port + "/actuator/pprof" + path;
	}

	@Test
	void indexShouldAnswerBrowsersWithAnHtmlPageLinkingEveryServedProfile() {
		HttpResponse<byte[]> response = Http.get(url(""), "Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/html"));
		assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertVariesByAccept(response);
		assertThat(Http.text(response)).contains("<a href='pprof/profile?seconds=30'>profile</a>",
				"<a href='pprof/cmdline'>cmdline</a>", "go tool pprof", "<a href='pprof/mutex?debug=1'>mutex</a>",
				"<a href='pprof/goroutine?debug=1'>goroutine</a>").doesNotContain("not served yet");
	}

	@Test
	void indexShouldAnswerApiClientsWithJson() {
		HttpResponse<byte[]> response = Http.get(url(""));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).contains("json"));
		assertVariesByAccept(response);
		assertThat(Http.text(response)).contains("\"name\":\"profile\"", "\"href\":\"/actuator/pprof/profile\"",
				"\"served\":true", "\"usage\"");
	}

	@Test
	void profileShouldServeAGoShapedCpuProfileOfTheHotMethod() throws Exception {
		HttpResponse<byte[]> response;
		Duration loopCpu;
		try (HotLoop loop = HotLoop.start()) {
			Duration before = loop.cpuTime();
			response = Http.get(url("/profile?seconds=2"));
			loopCpu = loop.cpuTime().minus(before);
		}
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
		assertThat(response.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"profile\"");
		assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		DecodedProfile profile = DecodedProfile.decode(response.body());
		assertThat(profile.sampleTypes()).containsExactly("samples/count", "cpu/nanoseconds");
		assertThat(profile.periodType()).isEqualTo("cpu/nanoseconds");
		assertThat(profile.proto().getPeriod()).isEqualTo(10_000_000L);
		assertThat(profile.proto().getDurationNanos()).isBetween(1_900_000_000L, 4_000_000_000L);
		assertThat(profile.proto().getTimeNanos()).isPositive();
		long hot = profile.sumWhereStackContains(0, "dev.jvmpprof.testing.HotLoop.spin");
		// One sample every 10 ms of the loop's CPU time, which a busy machine makes less than the window's 2 s;
		// measured around the request, so a little more than the window saw.
		assertThat(hot).as("samples in HotLoop.spin for %s of its CPU time", loopCpu)
			.isGreaterThanOrEqualTo(loopCpu.toMillis() / 10 / 2);
		Sample sample = profile.proto()
			.getSampleList()
			.stream()
			.filter((candidate) -> profile.functionNames(candidate).get(0).equals("dev.jvmpprof.testing.HotLoop.spin"))
			.findFirst()
			.orElseThrow();
		assertThat(profile.frames(sample).get(0)).matches("dev\\.jvmpprof\\.testing\\.HotLoop\\.spin "
				+ "dev/jvmpprof/testing/HotLoop\\.java:[1-9][0-9]*");
		assertThat(profile.label(sample, "thread")).isEqualTo("hot-loop");
		for (Sample each : profile.proto().getSampleList()) {
			assertThat(each.getValue(1)).isEqualTo(each.getValue(0) * 10_000_000L);
		}
	}

	@Test
	void twoCpuProfilesAtOnceShouldEachBeServedForItsOwnWindow() throws Exception {
		try (HotLoop loop = HotLoop.start()) {
			CompletableFuture<HttpResponse<byte[]>> longer = CompletableFuture
				.supplyAsync(() -> Http.get(url("/profile?seconds=3")));
			Thread.sleep(500);
			HttpResponse<byte[]> shorter = Http.get(url("/profile?seconds=1"));
			HttpResponse<byte[]> first = longer.get(30, TimeUnit.SECONDS);
			assertThat(shorter.statusCode()).isEqualTo(200);
			assertThat(first.statusCode()).isEqualTo(200);
			DecodedProfile shortProfile = DecodedProfile.decode(shorter.body());
			DecodedProfile longProfile = DecodedProfile.decode(first.body());
			assertThat(shortProfile.proto().getDurationNanos()).isBetween(900_000_000L, 2_000_000_000L);
			assertThat(longProfile.proto().getDurationNanos()).isBetween(2_900_000_000L, 4_500_000_000L);
			long shortSpin = shortProfile.sumWhereStackContains(0, "HotLoop.spin");
			long longSpin = longProfile.sumWhereStackContains(0, "HotLoop.spin");
			assertThat(shortSpin).isPositive();
			assertThat(longSpin).as("the longer window holds more samples").isGreaterThan(shortSpin);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "profile?seconds=1", "heap", "allocs", "goroutine", "threads", "block?seconds=1",
			"mutex?seconds=1", "block", "mutex", "wall?seconds=1", "threadcreate", "trace?seconds=1",
			"heap?seconds=1", "goroutine?seconds=1" })
	void everyBinaryProfileShouldBeServedWithGosHeaders(String request) {
		HttpResponse<byte[]> response = Http.get(url("/" + request));
		assertThat(response.statusCode()).as(Http.text(response)).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
		assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		// A browser gets a page at the same URL.
		assertVariesByAccept(response);
		String name = request.replaceFirst("\\?.*", "");
		String file = name.equals("trace") ? "trace.jfr"
				: (request.contains("seconds") && !name.equals("profile")) ? name + "-delta" : name;
		assertThat(response.headers().firstValue("Content-Disposition"))
			.hasValue("attachment; filename=\"" + file + "\"");
		if (!name.equals("trace")) {
			assertThat(DecodedProfile.decode(response.body()).proto().getSampleTypeCount()).isPositive();
		}
	}

	@Test
	void binaryAnswersShouldLeaveNoTemporaryFileHoweverTheyAreRead() throws Exception {
		Set<Path> before = temporaryFiles();
		HttpResponse<byte[]> whole = Http.get(url("/goroutine"));
		assertThat(whole.statusCode()).isEqualTo(200);
		assertThat(DecodedProfile.decode(whole.body()).proto().getSampleCount()).isPositive();
		assertThat(Http.head(url("/goroutine")).statusCode()).isEqualTo(200);
		// A profile is taken anew for each request: ranges are ignored, as Go's handlers ignore them.
		for (String range : List.of("bytes=0-9", "bytes=0-1,4-5")) {
			HttpResponse<byte[]> ranged = Http.get(url("/goroutine"), "Range", range);
			assertThat(ranged.statusCode()).as(range).isEqualTo(200);
			assertThat(DecodedProfile.decode(ranged.body()).proto().getSampleCount()).as(range).isPositive();
		}
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			Set<Path> left = temporaryFiles();
			left.removeAll(before);
			assertThat(left).isEmpty();
		});
	}

	private static Set<Path> temporaryFiles() throws IOException {
		try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
			return files.filter((file) -> file.getFileName().toString().startsWith("pprof-"))
				.collect(Collectors.toCollection(HashSet::new));
		}
	}

	@Test
	void profilesOfDifferentKindsShouldRunAtTheSameTime() throws Exception {
		List<String> requests = List.of("profile?seconds=2", "trace?seconds=2", "block?seconds=2", "mutex?seconds=2",
				"wall?seconds=2", "profile?seconds=1", "heap", "allocs", "goroutine", "threadcreate");
		List<CompletableFuture<HttpResponse<byte[]>>> responses = requests.stream()
			.map((request) -> CompletableFuture.supplyAsync(() -> Http.get(url("/" + request))))
			.toList();
		for (int i = 0; i < requests.size(); i++) {
			HttpResponse<byte[]> response = responses.get(i).get(60, TimeUnit.SECONDS);
			assertThat(response.statusCode()).as(requests.get(i) + ": " + Http.text(response)).isEqualTo(200);
		}
	}

	@Test
	void aClientThatGoesAwayShouldFreeTheProfilerWithinSeconds() throws Exception {
		AsyncProfilerEngine engine = (AsyncProfilerEngine) this.engine;
		try (Socket client = new Socket("localhost", this.port)) {
			client.getOutputStream()
				.write(("GET /actuator/pprof/profile?seconds=60 HTTP/1.1\r\nHost: localhost\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			client.getOutputStream().flush();
			awaitTrue("the profile started", engine::isSampling);
			Thread.sleep(1000);
		}
		awaitTrue("the profiler is free again", () -> !engine.isSampling());
	}

	@Test
	void aLongProfileShouldStillDecodeAfterTheConnectionChecks() throws Exception {
		HttpResponse<byte[]> response;
		try (HotLoop loop = HotLoop.start()) {
			response = Http.get(url("/profile?seconds=4"));
		}
		assertThat(response.statusCode()).isEqualTo(200);
		// One member, which readers that take one only (browsers, pako in speedscope) read whole.
		assertThat(GzipMembers.count(response.body())).isOne();
		assertThat(DecodedProfile.decode(response.body()).sumWhereStackContains(0, "HotLoop.spin")).isPositive();
		assertConnectionChecks(response.body());
	}

	/**
	 * Asserts that the connection checks of a servlet server ran before the profile, where they run.
	 * @param body a profile of four seconds
	 */
	protected void assertConnectionChecks(byte[] body) {
	}

	private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
		// Two to three seconds on a quiet machine; the margin is for a busy one.
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(12);
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as(what).isLessThan(deadline);
			Thread.sleep(50);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "goroutine?debug=1", "goroutine?debug=2", "heap?debug=1", "threadcreate?debug=1",
			"block?debug=1", "mutex?debug=1" })
	void textFormsShouldBeServedAsPlainText(String request) {
		HttpResponse<byte[]> response = Http.get(url("/" + request));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain;charset=utf-8");
		assertThat(response.headers().firstValue("Content-Disposition")).isEmpty();
		assertThat(Http.text(response)).isNotBlank();
	}

	@Test
	void badSecondsShouldGet400WithGosSentence() {
		HttpResponse<byte[]> response = Http.get(url("/profile?seconds=abc"));
		assertThat(response.statusCode()).isEqualTo(400);
		assertGoError(response, "invalid value for \"seconds\" - must be a positive integer");
	}

	@Test
	void secondsBeyondTheMaximumShouldGet400() {
		HttpResponse<byte[]> response = Http.get(url("/profile?seconds=601"));
		assertThat(response.statusCode()).isEqualTo(400);
		assertGoError(response, "invalid value for \"seconds\" - must be at most 600 (pprof.max-duration)");
	}

	@Test
	void unknownProfileShouldGet404NamingTheProfiles() {
		for (String name : new String[] { "/nosuch", "/Heap" }) {
			HttpResponse<byte[]> response = Http.get(url(name));
			assertThat(response.statusCode()).isEqualTo(404);
			assertGoError(response, ProfileName.UNKNOWN_MESSAGE);
			assertThat(Http.text(response)).contains(", heap, ");
		}
	}

	@Test
	void cmdlineShouldAnswerTheJvmCommandLineJoinedByNul() {
		HttpResponse<byte[]> response = Http.get(url("/cmdline"));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain;charset=utf-8");
		assertThat(response.headers().firstValue("Content-Disposition")).isEmpty();
		assertThat(Http.text(response)).contains("java").contains("\0");
	}

	@Test
	void symbolShouldAnswerGoClientsProbes() {
		HttpResponse<byte[]> get = Http.get(url("/symbol"));
		assertThat(get.statusCode()).isEqualTo(200);
		assertThat(Http.text(get)).isEqualTo("num_symbols: 1\n");
		HttpResponse<byte[]> post = Http.post(url("/symbol"), "0x4a0000+0x401000");
		assertThat(post.statusCode()).isEqualTo(200);
		// Go's first line, and no symbol: no address is known.
		assertThat(Http.text(post)).isEqualTo("num_symbols: 1\n");
	}

	@Test
	void postToAProfileShouldGet405() {
		HttpResponse<byte[]> response = Http.post(url("/profile"), "");
		assertThat(response.statusCode()).isEqualTo(405);
		assertGoError(response, "the profile profile is read with GET");
	}

	private static void assertVariesByAccept(HttpResponse<byte[]> response) {
		assertThat(response.headers().allValues("Vary")).anySatisfy((vary) -> assertThat(vary).contains("Accept"));
	}

	static void assertGoError(HttpResponse<byte[]> response, String sentence) {
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain;charset=utf-8");
		assertThat(response.headers().firstValue("X-Go-Pprof")).hasValue("1");
		assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(response.headers().firstValue("Content-Disposition")).isEmpty();
		assertThat(Http.text(response)).isEqualTo(sentence + "\n");
	}

}
