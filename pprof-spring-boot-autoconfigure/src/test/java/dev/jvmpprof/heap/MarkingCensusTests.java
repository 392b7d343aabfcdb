package dev.jvmpprof.heap;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import dev.jvmpprof.jfr.ContinuousRecording;
import dev.jvmpprof.pprof.EpochNanos;
import dev.jvmpprof.testing.HeapHoard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A census counts what a marking found alive and not the old generation's garbage, with the real G1 and Flight
 * Recorder of the test's JVM.
 */
class MarkingCensusTests {

	private static final long MIB = 1024 * 1024;

	private static final int GARBAGE_BYTES = 32 * 1024;

	private static volatile Object sink;

	private static long longArrays(MarkingCensus.Census census) {
		return census.counted().byType().get("long[]")[1];
	}

	/** Any subscription starts the shared stream, as the heap sampler's does in a service. */
	private static ContinuousRecording.Subscription startStream(ContinuousRecording recording) {
		return recording.subscribe(Set.of("jdk.JavaMonitorWait"), null, (event) -> {
		});
	}

	/** Other tests of this JVM may hold arrays of the same type: what counts is what a test adds. */
	private static long longArraysAlive() {
		return ClassHistogram.afterFullGc().orElseThrow().byType().getOrDefault("long[]", new long[2])[1];
	}

	@Test
	void censusShouldCountWhatIsKeptAndNotTheOldGenerationsGarbage() throws Exception {
		ContinuousRecording recording = new ContinuousRecording();
		try (ContinuousRecording.Subscription stream = startStream(recording)) {
			long before = longArraysAlive();
			MarkingCensus census = MarkingCensus.ofThisJvm(recording, AllocationLog.ofThisJvm()).orElseThrow();
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

	@Test
	void censusShouldLeaveOutTheYoungGenerationThatTheMarkingTakesForAlive() throws Exception {
		ContinuousRecording recording = new ContinuousRecording();
		try (ContinuousRecording.Subscription stream = startStream(recording)) {
			long before = longArraysAlive();
			// The sampler keeps its allocation estimates here; this test keeps the exact allocations of its garbage.
			AllocationLog log = AllocationLog.ofThisJvm();
			AtomicBoolean done = new AtomicBoolean();
			Thread garbage = new Thread(() -> {
				while (!done.get()) {
					sink = new long[(GARBAGE_BYTES - 16) / 8];
					log.add(EpochNanos.of(Instant.now()), "[J", GARBAGE_BYTES, 1);
				}
			});
			try (HeapHoard kept = HeapHoard.keep(64, 4096)) {
				System.gc();
				garbage.start();
				// A cycle of G1's own, running when the census asks, started its young generation before the log
				// opened: that census leaves out only what came since. A new census until one starts its own cycle.
				AtomicReference<MarkingCensus.Census> taken = new AtomicReference<>();
				await().atMost(Duration.ofMinutes(1)).pollDelay(Duration.ZERO).until(() -> {
					MarkingCensus.ofThisJvm(recording, log).orElseThrow().take().ifPresent(taken::set);
					return taken.get() != null && taken.get().youngFrom().isAfter(taken.get().asked());
				});

				assertThat(longArrays(taken.get()) - before).as("long[] bytes the hoard added")
					.isBetween(60 * MIB, 68 * MIB);
			}
			finally {
				done.set(true);
				garbage.join();
			}
		}
	}

}
