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
	void weightedSamplesShouldShareInProportionToTheirWeightsAndLargeOnesStandForThemselves() {
		assertThat(LiveHeapShares.of(new long[] { 64, 64, 4_000_000 }, new double[] { 1, 3, 1 }, 10_000_000))
			.containsExactly(1_500_000, 4_500_000, 4_000_000);
	}

	@Test
	void weightlessSamplesShouldShareEqually() {
		assertThat(LiveHeapShares.of(new long[] { 64, 64 }, new double[] { 0, 0 }, 1000)).containsExactly(500, 500);
	}

	@Test
	void aSampleWithoutWeightShouldStandForItself() {
		assertThat(LiveHeapShares.of(new long[] { 64, 64 }, new double[] { 0, 2 }, 1000)).containsExactly(64, 936);
	}

	@Test
	void noSamplesShouldShareNothing() {
		assertThat(LiveHeapShares.of(new long[0], 1000)).isEmpty();
	}

	@Test
	void aCappedSampleShouldGiveWhatItCannotTakeToTheOthers() {
		LiveHeapShares.Capped capped = LiveHeapShares.capped(new long[] { 1024, 1024, 1024 },
				new double[] { 1, 1, 2 }, new double[] { 4096, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY },
				40_960);
		assertThat(capped.shares()).containsExactly(4096, 12_288, 24_576);
		assertThat(capped.left()).isZero();
	}

	@Test
	void whatNoSampleCanTakeShouldBeLeft() {
		LiveHeapShares.Capped capped = LiveHeapShares.capped(new long[] { 1024, 2048 }, new double[] { 1, 1 },
				new double[] { 4096, 0 }, 40_960);
		assertThat(capped.shares()).containsExactly(4096, 2048);
		assertThat(capped.left()).isEqualTo(40_960 - 4096 - 2048);
	}

}
