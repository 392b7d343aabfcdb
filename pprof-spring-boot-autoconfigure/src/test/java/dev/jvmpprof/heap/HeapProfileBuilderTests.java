package dev.jvmpprof.heap;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.jvmpprof.heap.AllocationCounts.Bucket;
import dev.jvmpprof.heap.AllocationCounts.Site;
import dev.jvmpprof.pprof.Frame;
import dev.jvmpprof.pprof.StackProfile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the live samples' shares are made: here, that an object the starter's own work allocated (a buffer an answer
 * keeps) stands only for itself, while the application's samples stand for the rest of their type.
 */
class HeapProfileBuilderTests {

	private static final long MIB = 1 << 20;

	private static final Site APPLICATION = new Site("[B",
			List.of(List.of(Frame.named("com.example.LeakingService.leak"))));

	private static final Site STARTERS = new Site("[B",
			List.of(List.of(Frame.named("dev.jvmpprof.actuate.PprofServletFilter.doFilterInternal"))));

	private static final int IN_USE = 3;

	@Test
	void plainAnswerShouldGiveTheStartersOwnObjectItsSizeAndTheApplicationTheRest() {
		StackProfile profile = new HeapProfileBuilder()
			.live(List.of(new LiveObject(APPLICATION, 1024, 1), new LiveObject(STARTERS, 1024, 2)), 10 * MIB, 0)
			.build();

		assertThat(inUse(profile, "dev.jvmpprof.actuate.PprofServletFilter.doFilterInternal")).isEqualTo(1024);
		assertThat(inUse(profile, "com.example.LeakingService.leak")).isEqualTo(10 * MIB - 1024);
	}

	@Test
	void plainAnswerWithOnlyTheStartersOwnObjectsShouldShowTheRestAsNotSampled() {
		StackProfile profile = new HeapProfileBuilder().live(List.of(new LiveObject(STARTERS, 1024, 2)), 10 * MIB, 0)
			.build();

		assertThat(inUse(profile, "dev.jvmpprof.actuate.PprofServletFilter.doFilterInternal")).isEqualTo(1024);
		assertThat(inUse(profile, HeapProfileBuilder.NOT_SAMPLED)).isEqualTo(10 * MIB - 1024);
	}

	@Test
	void exactAnswerShouldGiveTheStartersOwnObjectItsSizeHoweverMuchItsSiteAllocated() {
		ClassHistogram histogram = ClassHistogram.of(Map.of("byte[]", new long[] { 10240, 10 * MIB }), Long.MAX_VALUE);
		PreSamplingHeap nothingBefore = PreSamplingHeap.start(Optional.of(ClassHistogram.of(Map.of(), 0)));
		// An answer reads and writes far more than the heap holds; the application allocated what it keeps.
		Map<Bucket, double[]> allocated = Map.of(new Bucket(APPLICATION, SizeClass.of(1024)),
				new double[] { 10240, 10 * MIB }, new Bucket(STARTERS, SizeClass.of(1024)),
				new double[] { 1 << 20, 1024 * MIB });

		StackProfile profile = new HeapProfileBuilder().allocations(allocated)
			.liveByType(List.of(new LiveObject(APPLICATION, 1024, 1), new LiveObject(STARTERS, 1024, 2)), histogram,
					nothingBefore, new LiveShareMemory())
			.build();

		assertThat(inUse(profile, "dev.jvmpprof.actuate.PprofServletFilter.doFilterInternal")).isEqualTo(1024);
		assertThat(inUse(profile, "com.example.LeakingService.leak")).isEqualTo(10 * MIB - 1024);
	}

	private static long inUse(StackProfile profile, String function) {
		return profile.samplesByValue(IN_USE)
			.stream()
			.filter((sample) -> sample.stack()
				.stream()
				.flatMap(List::stream)
				.anyMatch((frame) -> frame.function().equals(function)))
			.mapToLong((sample) -> sample.values()[IN_USE])
			.sum();
	}

}
