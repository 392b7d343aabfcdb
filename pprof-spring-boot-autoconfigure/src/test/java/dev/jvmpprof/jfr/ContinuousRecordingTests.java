package dev.jvmpprof.jfr;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ContinuousRecordingTests {

	@Test
	void subscribersShouldShareOneStreamThatStopsWithTheLastOfThem() throws Exception {
		// Other streams may run in this JVM (cached application contexts): count relative.
		long before = streamThreads();
		ContinuousRecording recording = new ContinuousRecording();
		AtomicInteger starts = new AtomicInteger();
		AtomicInteger sleeps = new AtomicInteger();
		ContinuousRecording.Subscription threadStarts = recording.subscribe(Set.of("jdk.ThreadStart"), null,
				(event) -> starts.incrementAndGet());
		ContinuousRecording.Subscription threadSleeps = recording.subscribe(Set.of("jdk.ThreadSleep"),
				Duration.ofMillis(5), (event) -> sleeps.incrementAndGet());
		assertThat(streamThreads()).isEqualTo(before + 1);
		startThreadThatSleeps();
		recording.awaitDeliveryUntilNow();
		assertThat(starts).hasPositiveValue();
		assertThat(sleeps).hasPositiveValue();
		threadSleeps.close();
		int sleptBefore = sleeps.get();
		startThreadThatSleeps();
		int startedBefore = starts.get();
		startThreadThatSleeps();
		recording.awaitDeliveryUntilNow();
		assertThat(starts).hasValueGreaterThan(startedBefore);
		assertThat(sleeps).as("no more events after its subscription closed").hasValue(sleptBefore);
		threadStarts.close();
		await().atMost(Duration.ofSeconds(10)).until(() -> streamThreads() == before);
	}

	private static void startThreadThatSleeps() throws InterruptedException {
		Thread thread = new Thread(() -> {
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		thread.start();
		thread.join();
	}

	private static long streamThreads() {
		return Thread.getAllStackTraces().keySet().stream().filter((t) -> t.getName().startsWith("JFR Event Stream")).count();
	}

}
