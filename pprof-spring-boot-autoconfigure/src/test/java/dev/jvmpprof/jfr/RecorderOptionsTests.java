package dev.jvmpprof.jfr;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecorderOptionsTests {

	@Test
	void theLeakProfilerQueueShouldBeReadFromTheOptionsValue() {
		assertThat(RecorderOptions.leakProfilerQueueSize("old-object-queue-size=2048")).isEqualTo(2048);
		assertThat(RecorderOptions.leakProfilerQueueSize("stackdepth=128,old-object-queue-size=512,memorysize=20m"))
			.isEqualTo(512);
	}

	@Test
	void optionsWithoutTheQueueShouldLeaveTheDefault() {
		assertThat(RecorderOptions.leakProfilerQueueSize(null)).isEqualTo(256);
		assertThat(RecorderOptions.leakProfilerQueueSize("")).isEqualTo(256);
		assertThat(RecorderOptions.leakProfilerQueueSize("stackdepth=128")).isEqualTo(256);
		assertThat(RecorderOptions.leakProfilerQueueSize("old-object-queue-size=99999999999")).isEqualTo(256);
	}

}
