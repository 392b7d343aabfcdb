package dev.jvmpprof.trace;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.jvmpprof.testing.HotLoop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class ChunkFilterTests {

	/** An event written as each chunk starts, so that a recording stopped at once still holds one. */
	private static final Map<String, String> CPU_LOAD_AT_CHUNK_START = Map.of("jdk.CPULoad#enabled", "true",
			"jdk.CPULoad#period", "beginChunk");

	@Test
	void filteredRecordingShouldHoldExactlyTheKeptEventsWhole(@TempDir Path directory) throws Exception {
		String secret = "s3cr3t" + UUID.randomUUID().toString().replace("-", "");
		// Someone else's process with a secret in its command line: the JDK's default settings record it.
		Process other = new ProcessBuilder("sh", "-c", "sleep 600; :", secret).start();
		byte[] recording;
		try (HotLoop loop = HotLoop.start()) {
			// Long enough for CPU samples of the loop (every 20 ms of its CPU time with these settings).
			recording = record(Configuration.getConfiguration("default").getSettings(),
					() -> loop.awaitCpuTime(Duration.ofMillis(500)));
		}
		finally {
			other.destroyForcibly();
		}
		Predicate<String> keep = TraceEvents::isAllowed;
		byte[] filtered = filter(recording, keep);

		List<RecordedEvent> before = read(recording, directory.resolve("before.jfr"));
		List<RecordedEvent> after = read(filtered, directory.resolve("after.jfr"));
		assertThat(types(before)).as("what the test filters").containsKeys("jdk.SystemProcess", "jdk.JVMInformation",
				"jdk.InitialSystemProperty", "jdk.InitialEnvironmentVariable", "jdk.ExecutionSample");
		assertThat(new String(recording, StandardCharsets.ISO_8859_1)).contains(secret);
		assertThat(types(after)).isEqualTo(types(before).entrySet()
			.stream()
			.filter((entry) -> keep.test(entry.getKey()))
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new)));
		assertThat(new String(filtered, StandardCharsets.ISO_8859_1)).doesNotContain(secret);
		assertThat(filtered.length).isLessThan(recording.length);
		// The constants the kept events reach are all there: stacks, methods, classes, threads.
		assertThat(after.stream()
			.filter((event) -> event.getEventType().getName().equals("jdk.ExecutionSample"))
			.flatMap((event) -> event.getStackTrace().getFrames().stream())
			.map(RecordedFrame::getMethod)
			.map((method) -> method.getType().getName() + "." + method.getName())).contains("dev.jvmpprof.testing.HotLoop.spin");
		assertThat(after).allSatisfy((event) -> {
			if (event.hasField("eventThread") && event.getThread() != null) {
				assertThat(event.getThread().getOSName()).isNotNull();
			}
		});
		JfrTool.Result printed = JfrTool.run("print", directory.resolve("after.jfr").toString());
		assertThat(printed.exitCode()).as(printed.output()).isZero();
	}

	@Test
	void filteringOutEveryEventShouldLeaveChunksTheJdkReads(@TempDir Path directory) throws Exception {
		byte[] recording = record(CPU_LOAD_AT_CHUNK_START, () -> { });
		assertThat(read(recording, directory.resolve("whole.jfr"))).as("what is filtered out").isNotEmpty();
		byte[] filtered = filter(recording, (type) -> false);
		assertThat(read(filtered, directory.resolve("empty.jfr"))).isEmpty();
	}

	@Test
	void aTruncatedRecordingShouldBeRefused() throws Exception {
		byte[] recording = record(CPU_LOAD_AT_CHUNK_START, () -> { });
		assertThatIOException().isThrownBy(() -> filter(Arrays.copyOf(recording, recording.length - 1),
				TraceEvents::isAllowed));
		assertThatIOException().isThrownBy(() -> filter("not a recording".getBytes(StandardCharsets.US_ASCII),
				TraceEvents::isAllowed));
	}

	private static byte[] record(Map<String, String> settings, Runnable meanwhile) throws Exception {
		try (Recording recording = new Recording(settings)) {
			recording.setToDisk(true);
			recording.start();
			meanwhile.run();
			recording.stop();
			try (InputStream data = recording.getStream(null, null)) {
				return data.readAllBytes();
			}
		}
	}

	private static byte[] filter(byte[] recording, Predicate<String> keep) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ChunkFilter.filter(new ByteArrayInputStream(recording), out, keep);
		return out.toByteArray();
	}

	private static List<RecordedEvent> read(byte[] recording, Path file) throws IOException {
		Files.write(file, recording);
		return RecordingFile.readAllEvents(file);
	}

	private static Map<String, Long> types(List<RecordedEvent> events) {
		return events.stream()
			.collect(Collectors.groupingBy((event) -> event.getEventType().getName(), TreeMap::new,
					Collectors.counting()));
	}

	@Test
	void theAllowListShouldNameNoEventThatRevealsTheCommandLineOrHost() {
		assertThat(TraceEvents.ALLOWED).doesNotContainAnyElementsOf(Set.of("jdk.JVMInformation",
				"jdk.InitialSystemProperty", "jdk.InitialEnvironmentVariable", "jdk.InitialSecurityProperty",
				"jdk.SystemProcess", "jdk.ProcessStart", "jdk.OSInformation", "jdk.StringFlag", "jdk.NativeLibrary",
				"jdk.JavaAgent", "jdk.NativeAgent", "jdk.ActiveRecording", "jdk.ActiveSetting"));
	}

}
