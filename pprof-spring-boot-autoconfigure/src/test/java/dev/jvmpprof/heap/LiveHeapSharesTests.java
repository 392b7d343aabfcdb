package dev.jvmpprof.heap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LiveHeapSharesTests {

	@Test
	void smallSamplesShouldShareEquallyAndLargeOnesStandForThemselves() {
		assertThat(LiveHeapShares.of(new long[] { 64, 64, 4_000_000 }, 10_000_000))
			.containsExactly(3_000_000, 3_000_000, 4_000_000);
	}

	@Test
	void bytesBelowTheSampledSizesShouldLeaveEachSampleItsSize() {
		assertThat(LiveHeapShares.of(new long[] { 100, 200 }, 150)).containsExactly(100, 200);
	}

	@Test
	void noSamplesShouldShareNothing() {
		assertThat(LiveHeapShares.of(new long[0], 1000)).isEmpty();
	}

}
