package dev.jvmpprof.heap;

import java.lang.management.ManagementFactory;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.jvmpprof.jfr.ContinuousRecording;
import dev.jvmpprof.testing.HeapHoard;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A census counts what a marking found alive and not the old generation's garbage, with the real G1 and Flight
 * Recorder of the test's JVM.
 */
class MarkingCensusTests {

	private static final long MIB = 1024 * 1024;

	private static long longArrays(MarkingCensus.Census census) {
		return census.counted().byType().get("long[]")[1];
	}

	@Test
	void censusShouldCountWhatIsKeptAndNotTheOldGenerationsGarbage() throws Exception {
		ContinuousRecording recording = new ContinuousRecording();
		// Any subscription starts the shared stream, as the heap sampler's does in a service.
		try (ContinuousRecording.Subscription stream = recording.subscribe(Set.of("jdk.JavaMonitorWait"), null,
				(event) -> {
				})) {
			// Other tests of this JVM may hold arrays of the same type: what counts is what the hoard adds.
			long before = ClassHistogram.afterFullGc().orElseThrow().byType().getOrDefault("long[]", new long[2])[1];
			MarkingCensus census = MarkingCensus.ofThisJvm(recording).orElseThrow();
			try (HeapHoard kept = HeapHoard.keep(64, 4096)) {
				HeapHoard dead = HeapHoard.keep(96, 4096);
				// Both old now; the second dies there, where no young collection looks.
				System.gc();
				dead.close();
				long inUse = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
				assertThat(inUse).as("the dead hoard is still in the heap").isGreaterThan(160 * MIB);

				Optional<MarkingCensus.Census> taken = census.take();

				assertThat(taken).isPresent();
				assertThat(longArrays(taken.get()) - before).as("long[] bytes the hoards added")
					.isBetween(60 * MIB, 68 * MIB);
				assertThat(census.take()).as("a census within 10 s serves again").containsSame(taken.get());
			}
		}
	}

}
