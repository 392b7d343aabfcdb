package dev.jvmpprof.heap;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the allocation log keeps, and for how long.
 */
class AllocationLogTests {

	@Test
	void shouldSumTheAllocationsOfASpanByJavaType() {
		AllocationLog log = new AllocationLog(1 << 20);
		log.open();
		log.add(100, "[B", 1024, 3);
		log.add(200, "[B", 1024, 2);
		log.add(200, "[J", 4096, 1);
		log.add(300, "[B", 1024, 7);

		Map<String, double[]> span = log.between(100, 300);

		assertThat(span).containsOnlyKeys("byte[]", "long[]");
		assertThat(span.get("byte[]")).containsExactly(5, 5 * 1024);
		assertThat(span.get("long[]")).containsExactly(1, 4096);
	}

	@Test
	void shouldLeaveOutObjectsTooLargeForTheYoungGeneration() {
		AllocationLog log = new AllocationLog(1 << 20);
		log.open();
		log.add(100, "[B", 1 << 20, 1);
		log.add(100, "[B", (1 << 20) - 16, 1);

		assertThat(log.between(0, 200).get("byte[]")).containsExactly(1, (1 << 20) - 16);
	}

	@Test
	void shouldKeepNothingWhileClosedAndForgetWhenTheLastCensusCloses() {
		AllocationLog log = new AllocationLog(1 << 20);
		log.add(100, "[B", 1024, 1);
		assertThat(log.isOpen()).isFalse();
		log.open();
		log.open();
		log.add(200, "[B", 1024, 1);
		log.close();
		assertThat(log.isOpen()).isTrue();
		assertThat(log.between(0, 1000).get("byte[]")).containsExactly(1, 1024);
		log.close();
		assertThat(log.isOpen()).isFalse();
		assertThat(log.between(0, 1000)).isEmpty();
	}

	@Test
	void shouldGrowAsAllocationsComeAndStopAtItsCapacity() {
		AllocationLog log = new AllocationLog(1 << 20);
		log.open();
		for (int i = 0; i < 200_000; i++) {
			log.add(i * AllocationLog.MERGE_NANOS, "[B", 1024, 1);
		}
		assertThat(log.between(0, Long.MAX_VALUE).get("byte[]")[0]).isEqualTo(100_000);
	}

	@Test
	void shouldMergeAllocationsOfOneTypeCloseInTime() {
		AllocationLog log = new AllocationLog(1 << 20);
		log.open();
		for (int i = 0; i < 1_000_000; i++) {
			log.add(i, "[B", 1024, 1);
		}
		log.add(1_000_000, "[J", 4096, 1);
		log.add(1_000_001, "[B", 1024, 1);

		assertThat(log.between(0, Long.MAX_VALUE).get("byte[]")[0]).isEqualTo(1_000_001);
		assertThat(log.between(0, 1_000_000).get("byte[]")[0]).isEqualTo(1_000_000);
	}

}
