package dev.jvmpprof.asyncjfr;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.jvmpprof.engine.AsyncProfilerEngine;
import dev.jvmpprof.engine.SampleReader;
import dev.jvmpprof.engine.SampledEvent;
import dev.jvmpprof.engine.SamplingSettings;
import dev.jvmpprof.engine.Window;
import dev.jvmpprof.labels.LabelCapture;
import dev.jvmpprof.labels.LabelTimeline;
import dev.jvmpprof.sampled.SampledProfileCollector;
import dev.jvmpprof.testing.Contention;
import dev.jvmpprof.testing.DecodedProfile;
import dev.jvmpprof.testing.HotLoop;
import dev.jvmpprof.testing.proto.ProfileProto;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One real async-profiler recording, of CPU and wall-clock samples at once (as a session shared by a CPU and a wall
 * profile records them), encoded by both reading paths: async-profiler's reader must give the very profile the JDK's
 * reader gives.
 */
class AsyncWindowProfileEncoderTests {

	private static final Duration CPU_INTERVAL = Duration.ofMillis(2);

	private static final Duration WALL_INTERVAL = Duration.ofMillis(10);

	private static final SamplingSettings SETTINGS = new SamplingSettings(CPU_INTERVAL, WALL_INTERVAL,
			Duration.ofMillis(1));

	private static final AsyncProfilerEngine ENGINE = new AsyncProfilerEngine(SETTINGS);

	private static final LabelTimeline TIMELINE = new LabelTimeline(1_000_000);

	private static LabelCapture capture;

	private static Window window;

	private static Window.Recorded recorded;

	@BeforeAll
	static void record() throws Exception {
		capture = TIMELINE.capture();
		try (HotLoop hot = HotLoop.start(); Contention contention = Contention.start();
				LabelledWork labelled = new LabelledWork()) {
			window = ENGINE.open(EnumSet.of(SampledEvent.CPU, SampledEvent.WALL));
			Thread.sleep(2500);
			recorded = window.finish();
		}
		lookup = capture.lookup();
	}

	@AfterAll
	static void release() {
		if (window != null) {
			window.close();
		}
		if (capture != null) {
			capture.close();
		}
	}

	@Test
	void cpuProfileShouldBeTheOneTheJdkReaderGives() throws IOException {
		Content async = cpu(recorded);
		assertThat(async).isEqualTo(cpu(viaJdk(recorded)));
		assertThat(async.samples.keySet()).anyMatch((sample) -> sample.contains("HotLoop.spin"))
			.anyMatch((sample) -> sample.contains("step=") && sample.contains("thread=labelled-work"))
			.noneMatch((sample) -> sample.contains("state="));
	}

	@Test
	void wallProfileShouldBeTheOneTheJdkReaderGives() throws IOException {
		Content async = wall(recorded);
		assertThat(async).isEqualTo(wall(viaJdk(recorded)));
		assertThat(async.samples.keySet()).anyMatch((sample) -> sample.contains("thread=latch-waiter"))
			.anyMatch((sample) -> sample.contains("step=") && sample.contains("state="));
	}

	@Test
	void profilesOfPartOfTheRecordingShouldKeepTheSameSamples() throws IOException {
		Instant middle = recorded.start().plus(recorded.duration().dividedBy(2));
		Window.Recorded firstHalf = new Window.Recorded(recorded.files(), recorded.start(), middle, SETTINGS,
				SampleReader.ASYNC_PROFILER);
		Content cpu = cpu(firstHalf);
		assertThat(cpu).isEqualTo(cpu(viaJdk(firstHalf)));
		assertThat(cpu.total).isGreaterThan(0).isLessThan(cpu(recorded).total);
		Content wall = wall(firstHalf);
		assertThat(wall).isEqualTo(wall(viaJdk(firstHalf)));
		assertThat(wall.total).isGreaterThan(0).isLessThan(wall(recorded).total);
	}

	@Test
	void recordingsOfSeveralChunksAndFilesShouldBeReadWhole(@TempDir Path directory) throws IOException {
		// A file of two chunks, as async-profiler writes with chunksize or chunktime, and the window's file besides.
		byte[] recording = Files.readAllBytes(recorded.files().get(0));
		Path twoChunks = directory.resolve("two-chunks.jfr");
		Files.write(twoChunks, recording);
		Files.write(twoChunks, recording, StandardOpenOption.APPEND);
		Window.Recorded threeChunks = new Window.Recorded(List.of(twoChunks, recorded.files().get(0)),
				recorded.start(), recorded.end(), SETTINGS, SampleReader.ASYNC_PROFILER);
		Content cpu = cpu(threeChunks);
		assertThat(cpu).isEqualTo(cpu(viaJdk(threeChunks)));
		assertThat(cpu.total).isEqualTo(3 * cpu(recorded).total);
		Content wall = wall(threeChunks);
		assertThat(wall).isEqualTo(wall(viaJdk(threeChunks)));
		assertThat(wall.total).isEqualTo(3 * wall(recorded).total);
	}

	private static Window.Recorded viaJdk(Window.Recorded recorded) {
		return new Window.Recorded(recorded.files(), recorded.start(), recorded.end(), SETTINGS,
				SampleReader.FLIGHT_RECORDER);
	}

	// One lookup for both paths: each lookup measures the offset between the label clock and the recording's
	// anew, and a sample a microsecond from a label change could meet another label with another offset.
	private static LabelCapture.Lookup lookup;

	private static Content cpu(Window.Recorded recorded) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		SampledProfileCollector.cpu(ENGINE, "app").encode(recorded, lookup, out);
		return Content.of(DecodedProfile.decode(out.toByteArray()));
	}

	private static Content wall(Window.Recorded recorded) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		SampledProfileCollector.wall(ENGINE, "app").encode(recorded, lookup, out);
		return Content.of(DecodedProfile.decode(out.toByteArray()));
	}

	/**
	 * What a profile says, whatever order and ids its writer chose: the values of each stack and label set (each
	 * location's inline lines with function, file and line), the functions, and the profile-wide fields.
	 */
	private record Content(String header, Map<String, List<Long>> samples, Set<String> functions, long total) {

		static Content of(DecodedProfile decoded) {
			ProfileProto.Profile profile = decoded.proto();
			Map<Long, ProfileProto.Location> locations = profile.getLocationList()
				.stream()
				.collect(Collectors.toMap(ProfileProto.Location::getId, (location) -> location));
			Map<Long, ProfileProto.Function> functions = profile.getFunctionList()
				.stream()
				.collect(Collectors.toMap(ProfileProto.Function::getId, (function) -> function));
			Map<String, List<Long>> samples = new TreeMap<>();
			long total = 0;
			for (ProfileProto.Sample sample : profile.getSampleList()) {
				List<String> stack = new ArrayList<>();
				for (long locationId : sample.getLocationIdList()) {
					stack.add(locations.get(locationId)
						.getLineList()
						.stream()
						.map((line) -> name(decoded, functions.get(line.getFunctionId())) + ":" + line.getLine())
						.collect(Collectors.joining(" inlined into ", "[", "]")));
				}
				Set<String> labels = new TreeSet<>();
				sample.getLabelList()
					.forEach((label) -> labels.add(decoded.string(label.getKey()) + "=" + decoded.string(label.getStr())));
				samples.merge(String.join(" ", stack) + " " + labels, sample.getValueList(), (a, b) -> List.of(
						a.get(0) + b.get(0), a.get(1) + b.get(1)));
				total += sample.getValue(0);
			}
			Set<String> names = new TreeSet<>();
			functions.values().forEach((function) -> names.add(name(decoded, function)));
			String header = decoded.sampleTypes() + " " + decoded.periodType() + " " + profile.getPeriod() + " "
					+ profile.getTimeNanos() + " " + profile.getDurationNanos();
			return new Content(header, samples, names, total);
		}

		private static String name(DecodedProfile decoded, ProfileProto.Function function) {
			return decoded.string(function.getName()) + "/" + decoded.string(function.getSystemName()) + " "
					+ decoded.string(function.getFilename());
		}

	}

	/** A thread that spins under labels that change every few milliseconds, so samples meet several of them. */
	private static final class LabelledWork implements AutoCloseable {

		private static volatile double sink;

		private final Thread thread = new Thread(this::run, "labelled-work");

		private volatile boolean running = true;

		LabelledWork() {
			this.thread.setDaemon(true);
			this.thread.start();
		}

		private void run() {
			for (int step = 0; this.running; step++) {
				Object owner = new Object();
				String value = Integer.toString(step % 7);
				TIMELINE.enter(owner, (entered) -> Map.of("step", value));
				long until = System.nanoTime() + 3_000_000;
				double sum = 0;
				while (System.nanoTime() < until) {
					sum += Math.sqrt(step + sum);
				}
				sink = sum;
				TIMELINE.exit(owner);
				if (step % 4 == 0) {
					sleep();
				}
			}
		}

		private static void sleep() {
			try {
				Thread.sleep(2);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		@Override
		public void close() throws InterruptedException {
			this.running = false;
			this.thread.join(5000);
		}

	}

}
