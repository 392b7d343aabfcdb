package dev.jvmpprof.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import one.profiler.AsyncProfiler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.jvmpprof.profile.ProfileException;
import dev.jvmpprof.testing.HotLoop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AsyncProfilerEngineTests {

	private static final SamplingSettings SETTINGS = new SamplingSettings(Duration.ofMillis(10),
			Duration.ofMillis(50), Duration.ofMillis(1));

	@TempDir
	private Path directory;

	private AsyncProfilerEngine engine;

	@BeforeEach
	void createEngine() {
		this.engine = new AsyncProfilerEngine(AsyncProfiler::getInstance, SETTINGS, this.directory);
	}

	@Test
	void overlappingWindowsShouldEachGetTheSamplesOfTheirOwnTimeSpan() throws Exception {
		List<Path> files = new ArrayList<>();
		try (HotLoop loop = HotLoop.start()) {
			// Each part lasts 600 ms of the loop's CPU time, however long that takes on a busy machine.
			Window first = this.engine.open(Set.of(SampledEvent.CPU));
			loop.awaitCpuTime(Duration.ofMillis(600));
			Window second = this.engine.open(Set.of(SampledEvent.CPU, SampledEvent.WALL));
			loop.awaitCpuTime(Duration.ofMillis(600));
			Window.Recorded firstRecorded = first.finish();
			loop.awaitCpuTime(Duration.ofMillis(600));
			Window.Recorded secondRecorded = second.finish();
			files.addAll(firstRecorded.files());
			files.addAll(secondRecorded.files());
			assertThat(firstRecorded.files()).hasSize(2);
			assertThat(secondRecorded.files()).hasSize(2);
			int firstSamples = count(firstRecorded);
			int secondSamples = count(secondRecorded);
			// About 120 samples of the loop each at 100 Hz; the shared middle is counted by both.
			assertThat(firstSamples).isBetween(60, 200);
			assertThat(secondSamples).isBetween(60, 200);
			first.close();
			assertThat(firstRecorded.files().get(0)).doesNotExist();
			assertThat(secondRecorded.files().get(0)).as("still needed by the second window").exists();
			second.close();
		}
		assertThat(files).allSatisfy((file) -> assertThat(file).doesNotExist());
		assertThat(this.directory).isEmptyDirectory();
	}

	@Test
	void closingAWindowThatWasNeverFinishedShouldStopTheSessionAndDeleteItsFile() throws Exception {
		Window window = this.engine.open(Set.of(SampledEvent.WALL));
		window.close();
		Window next = this.engine.open(Set.of(SampledEvent.CPU));
		next.close();
		assertThat(this.directory).isEmptyDirectory();
	}

	@Test
	void openWhileAnotherSessionHoldsTheProfilerShouldBeBusy() throws Exception {
		AsyncProfiler profiler = AsyncProfiler.getInstance();
		Path foreign = Files.createTempFile("foreign", ".jfr");
		profiler.execute("start,event=itimer,jfr,file=" + foreign);
		try {
			assertThatExceptionOfType(ProfileException.class).isThrownBy(() -> this.engine.open(Set.of(SampledEvent.CPU)))
				.withMessage("the native profiler is in use by another session")
				.extracting(ProfileException::getReason)
				.isEqualTo(ProfileException.Reason.BUSY);
		}
		finally {
			profiler.execute("stop");
			Files.delete(foreign);
		}
	}

	@Test
	void startCommandShouldBeBuiltFromTypedSettingsOnly() {
		assertThat(this.engine.startCommand(Set.of(SampledEvent.CPU, SampledEvent.WALL), Path.of("/tmp/pprof-1.jfr")))
			.isEqualTo("start,event=cpu,interval=10000000,wall=50000000,jfr,file=/tmp/pprof-1.jfr");
		assertThat(this.engine.startCommand(Set.of(SampledEvent.WALL), Path.of("/tmp/pprof-2.jfr")))
			.isEqualTo("start,wall=50000000,jfr,file=/tmp/pprof-2.jfr");
	}

	@Test
	void engineThatCannotLoadShouldBeUnavailableWithTheReason() {
		AsyncProfilerEngine missing = new AsyncProfilerEngine(() -> {
			throw new UnsupportedOperationException("Unsupported OS");
		}, SETTINGS, this.directory);
		assertThatExceptionOfType(ProfileException.class).isThrownBy(() -> missing.open(Set.of(SampledEvent.CPU)))
			.withMessage("async-profiler cannot be loaded here: Unsupported OS");
	}

	static int count(Window.Recorded recorded) throws Exception {
		AtomicInteger samples = new AtomicInteger();
		// The loop's own: other threads (the compiler, the collector) take more of a longer window on a busy machine.
		recorded.events().forEach(Set.of("jdk.ExecutionSample"), (event) -> {
			if ("hot-loop".equals(event.getThread("sampledThread").getJavaName())) {
				samples.incrementAndGet();
			}
		});
		return samples.get();
	}

}
