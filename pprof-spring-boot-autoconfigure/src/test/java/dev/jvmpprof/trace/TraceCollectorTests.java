package dev.jvmpprof.trace;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.jvmpprof.profile.ProfileName;
import dev.jvmpprof.profile.ProfileRequest;
import dev.jvmpprof.testing.HotLoop;
import dev.jvmpprof.testing.TakenProfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class TraceCollectorTests {

	private final TraceCollector collector = new TraceCollector();

	@Test
	void traceShouldBeAJfrRecordingThatTheJdksJfrToolReads(@TempDir Path dir) throws Exception {
		TakenProfile response;
		try (HotLoop loop = HotLoop.start()) {
			response = TakenProfile.take(this.collector, request("1"));
		}
		assertThat(response.format()).isEqualTo(TakenProfile.Format.BINARY);
		assertThat(response.attachmentName()).isEqualTo("trace.jfr");
		assertThat(new String(response.body(), 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("FLR\0");
		Path file = Files.write(dir.resolve("trace.jfr"), response.body());
		JfrTool.Result summary = JfrTool.run("summary", file.toString());
		assertThat(summary.exitCode()).as(summary.output()).isZero();
		// The JDK's profile settings: CPU samples, allocation samples, GC and more.
		assertThat(summary.output()).contains("jdk.ExecutionSample", "jdk.ObjectAllocationSample", "jdk.GCConfiguration");
		JfrTool.Result samples = JfrTool.run("print", "--events", "jdk.ExecutionSample", file.toString());
		assertThat(samples.output()).contains("dev.jvmpprof.testing.HotLoop.spin()");
		assertThat(leftRecordings()).isEmpty();
	}

	@Test
	void traceShouldHoldOnlyTheAllowedEvents() throws Exception {
		TakenProfile response = TakenProfile.take(this.collector, request("1"));
		Path file = Files.createTempFile("trace", ".jfr");
		try {
			Files.write(file, response.body());
			List<String> events = RecordingFile.readAllEvents(file)
				.stream()
				.map((event) -> event.getEventType().getName())
				.distinct()
				.toList();
			assertThat(events).isNotEmpty().allMatch(TraceEvents::isAllowed);
		}
		finally {
			Files.delete(file);
		}
	}

	@Test
	void anInterruptedTraceShouldCloseItsRecording() throws Exception {
		CompletableFuture<Thread> taker = new CompletableFuture<>();
		CompletableFuture<TakenProfile> trace = CompletableFuture.supplyAsync(() -> {
			taker.complete(Thread.currentThread());
			try {
				return TakenProfile.take(this.collector, request("30"));
			}
			catch (Exception ex) {
				throw new CompletionException(ex);
			}
		});
		Thread thread = taker.get(1, TimeUnit.MINUTES);
		// Starting a recording takes a while, longer on a busy machine.
		await().atMost(Duration.ofMinutes(1))
			.pollInterval(Duration.ofMillis(10))
			.until(() -> !leftRecordings().isEmpty());
		assertThat(leftRecordings()).as("recording while the window runs").hasSize(1)
			.allMatch((recording) -> recording.getState() == RecordingState.RUNNING);
		thread.interrupt();
		assertThatExceptionOfType(Exception.class).isThrownBy(() -> trace.get(5, TimeUnit.SECONDS))
			.withRootCauseInstanceOf(InterruptedException.class);
		assertThat(leftRecordings()).as("the recording and its files are released").isEmpty();
	}

	private static List<Recording> leftRecordings() {
		return FlightRecorder.getFlightRecorder()
			.getRecordings()
			.stream()
			.filter((recording) -> "pprof-trace".equals(recording.getName()))
			.toList();
	}

	private static ProfileRequest request(String seconds) throws Exception {
		return ProfileRequest.parse(ProfileName.TRACE, seconds, null, null, Duration.ofMinutes(10));
	}

}
