package dev.jvmpprof.heap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SampleRateTests {

	private static final long SECOND = 1_000_000_000L;

	@Test
	void throttleShouldFollowTheAllocationRateDividedByTheInterval() {
		SampleRate rate = new SampleRate(512 * 1024, 100, 0);
		assertThat(rate.throttle()).isEqualTo("100/s");
		// 5 s at 200 MiB/s: 400 samples a second keep one per 512 KiB.
		rate.sampled(1000L * 1024 * 1024);
		assertThat(rate.update(5 * SECOND)).isEqualTo("400/s");
	}

	@Test
	void throttleShouldStayWithinItsBoundsAndIgnoreSmallChanges() {
		SampleRate rate = new SampleRate(512 * 1024, 100, 0);
		assertThat(rate.update(SECOND)).as("window not over").isNull();
		assertThat(rate.update(5 * SECOND)).as("idle: stays at the minimum").isNull();
		rate.sampled(100L * 1024 * 1024 * 1024);
		assertThat(rate.update(10 * SECOND)).isEqualTo(SampleRate.MAX_PER_SECOND + "/s");
		rate.sampled((long) (SampleRate.MAX_PER_SECOND * 0.9 * 5 * 512 * 1024));
		assertThat(rate.update(15 * SECOND)).as("10 % less is no change").isNull();
	}

}
