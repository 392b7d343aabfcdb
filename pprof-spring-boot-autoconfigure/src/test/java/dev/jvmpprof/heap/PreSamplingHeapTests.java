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
	void garbageInTheHeapWhenSamplingStartsShouldLeaveTheBoundAtTheNextReadingAfterACollection() {
		try (HeapHoard garbage = HeapHoard.keep(64, 64 * 1024)) {
			// A collection now, to read the hoard as in use after the last one.
			System.gc();
		}
		PreSamplingHeap heap = PreSamplingHeap.start();
		long start = heap.bytes();
		// The hoard is garbage now: the next collection frees it, and the next reading after it tells.
		System.gc();
		assertThat(heap.bytes()).as("the bound before the reading").isEqualTo(start);
		heap.lowerToLastCollection();
		assertThat(start - heap.bytes()).as("bytes the bound lost").isGreaterThan(48L << 20);
	}

}
