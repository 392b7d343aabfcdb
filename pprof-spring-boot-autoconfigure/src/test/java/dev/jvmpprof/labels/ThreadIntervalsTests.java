package dev.jvmpprof.labels;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadIntervalsTests {

	private static final ThreadIntervals.Budget UNLIMITED = () -> true;

	private final LabelScope request = new LabelScope(null, new Object(), (owner) -> Map.of("http.route", "/a"));

	@Test
	void aScopeRestoredWithinTheGapShouldStayOneInterval() {
		ThreadIntervals intervals = new ThreadIntervals();
		long time = 1_000_000;
		for (int hop = 0; hop < 20; hop++) {
			intervals.change(time, this.request, UNLIMITED);
			time += 10_000;
			intervals.change(time, null, UNLIMITED);
			time += ThreadIntervals.MERGE_GAP_NANOS;
		}
		assertThat(intervals.size()).isEqualTo(1);
	}

	@Test
	void aScopeRestoredAfterTheGapShouldStartAnotherInterval() {
		ThreadIntervals intervals = new ThreadIntervals();
		intervals.change(1_000_000, this.request, UNLIMITED);
		intervals.change(1_010_000, null, UNLIMITED);
		intervals.change(1_010_001 + ThreadIntervals.MERGE_GAP_NANOS, this.request, UNLIMITED);
		assertThat(intervals.size()).isEqualTo(2);
	}

	@Test
	void anotherScopeShouldStartAnotherIntervalHoweverSoon() {
		ThreadIntervals intervals = new ThreadIntervals();
		LabelScope other = new LabelScope(null, new Object(), (owner) -> Map.of("http.route", "/b"));
		intervals.change(1_000_000, this.request, UNLIMITED);
		intervals.change(1_000_001, other, UNLIMITED);
		assertThat(intervals.size()).isEqualTo(2);
	}

}
