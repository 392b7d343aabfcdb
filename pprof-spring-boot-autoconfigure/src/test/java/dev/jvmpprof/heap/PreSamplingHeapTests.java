package dev.jvmpprof.heap;

import org.junit.jupiter.api.Test;

import dev.jvmpprof.testing.HeapHoard;

import static org.assertj.core.api.Assertions.assertThat;

class PreSamplingHeapTests {

	@Test
	void boundShouldOnlyShrink() {
		PreSamplingHeap heap = PreSamplingHeap.start();
		long start = heap.bytes();
		assertThat(heap.lowerTo(start + 1000)).isEqualTo(start);
		assertThat(heap.lowerTo(start - 1000)).isEqualTo(start - 1000);
		assertThat(heap.lowerTo(-5)).isZero();
		assertThat(heap.lowerTo(start)).isZero();
	}

	@Test
	void garbageInTheHeapWhenSamplingStartsShouldNotBeInTheBound() {
		long withGarbage;
		try (HeapHoard garbage = HeapHoard.keep(64, 64 * 1024)) {
			// A collection now, to read the hoard as in use after the last one.
			System.gc();
			withGarbage = HeapUsage.afterLastGc();
		}
		// The hoard is garbage now: the start's own collection frees it.
		PreSamplingHeap heap = PreSamplingHeap.start();
		assertThat(withGarbage - heap.bytes()).as("bytes of garbage left out").isGreaterThan(48L << 20);
	}

	@Test
	void aTypeShouldBeBoundedByWhatTheHeapHeldOfItWhenSamplingStarted() {
		PreSamplingHeap heap;
		try (HeapHoard hoard = HeapHoard.keep(8, 64 * 1024)) {
			heap = PreSamplingHeap.start();
		}
		assertThat(heap.lowerTo("long[]", Long.MAX_VALUE)).as("long[] bytes when sampling started")
			.isGreaterThanOrEqualTo(8L << 20);
		assertThat(heap.lowerTo("long[]", 1000)).isEqualTo(1000);
		assertThat(heap.lowerTo("long[]", 2000)).isEqualTo(1000);
		assertThat(heap.lowerTo("dev.example.LoadedLater", 5000)).as("a type with no instances then").isZero();
	}

}
