package dev.jvmpprof.heap;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LeakProfilerDumpTests {

	@Test
	void aQueueWithATenthOrTwoSamplesLeftShouldBeFull() {
		assertThat(new LeakProfilerDump(List.of(), 229, 256).isFull()).isFalse();
		assertThat(new LeakProfilerDump(List.of(), 231, 256).isFull()).isTrue();
		assertThat(new LeakProfilerDump(List.of(), 14, 16).isFull()).isTrue();
		assertThat(new LeakProfilerDump(List.of(), 13, 16).isFull()).isFalse();
		assertThat(new LeakProfilerDump(List.of(), 0, 0).isFull()).as("no queue at all").isTrue();
	}

	@Test
	void aFullQueueShouldBeSaidWithALargerSize() {
		assertThat(new LeakProfilerDump(List.of(), 255, 256).fullQueueNote())
			.startsWith("; the leak profiler's queue is full (255 of 256 samples alive)")
			.endsWith("-XX:FlightRecorderOptions:old-object-queue-size=2048 on the command line makes it larger");
		assertThat(new LeakProfilerDump(List.of(), 2048, 2048).fullQueueNote()).contains("old-object-queue-size=8192");
	}

	@Test
	void aQueueWithRoomShouldAddNothing() {
		assertThat(new LeakProfilerDump(List.of(), 505, 2048).fullQueueNote()).isEmpty();
	}

}
