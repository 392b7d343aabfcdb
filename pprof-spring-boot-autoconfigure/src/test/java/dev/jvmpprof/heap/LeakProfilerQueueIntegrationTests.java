package dev.jvmpprof.heap;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.jvmpprof.testing.ChildApplication;
import dev.jvmpprof.testing.DecodedProfile;
import dev.jvmpprof.testing.HoardingApplication;
import dev.jvmpprof.testing.Http;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A heap answer says when the leak profiler's queue is full of live samples, where new objects seldom get one, and
 * how to make it larger; each case in a JVM of its own, whose command line sets the queue's size. The service keeps
 * a hoard from startup in 64 KiB chunks, each sampled as it starts an allocation buffer.
 */
class LeakProfilerQueueIntegrationTests {

	private static final String FULL = "the leak profiler's queue is full (";

	@Test
	void aFullQueueShouldBeSaidWithTheOptionThatMakesItLarger(@TempDir Path directory) throws Exception {
		// 64 MiB of 64 KiB chunks kept, for a queue of 64; then garbage, whose samples die and hand their spans to the
		// kept ones, as in a service that has run a while.
		try (ChildApplication service = start(directory, 64, 64)) {
			Http.get(service.url("/hoard/churn?mebibytes=512"));
			String comment = exactComment(service);
			System.out.println("Leak profiler queue of 64: " + comment);
			assertThat(comment).contains(FULL)
				.containsPattern("\\((5[89]|6[0-4]) of 64 samples alive\\)")
				.contains("-XX:FlightRecorderOptions:old-object-queue-size=2048");
		}
	}

	@Test
	void aQueueWithRoomShouldNotBeSaidFull(@TempDir Path directory) throws Exception {
		try (ChildApplication service = start(directory, 4096, 16)) {
			assertThat(exactComment(service)).doesNotContain(FULL).contains("live samples");
		}
	}

	private static ChildApplication start(Path directory, int queueSize, int hoardMebibytes) throws Exception {
		return ChildApplication.start(HoardingApplication.class, directory, Map.of(),
				List.of("-XX:FlightRecorderOptions:old-object-queue-size=" + queueSize),
				List.of("--hoard.at-startup=" + hoardMebibytes));
	}

	private static String exactComment(ChildApplication service) throws Exception {
		DecodedProfile heap = DecodedProfile.decode(Http.get(service.url("/actuator/pprof/heap?gc=1")).body());
		return String.join("\n", heap.comments());
	}

}
