package dev.jvmpprof.heap;

import org.junit.jupiter.api.Test;

import dev.jvmpprof.testing.HeapHoard;

import static org.assertj.core.api.Assertions.assertThat;

class PreSamplingHeapTests {

	@Test
	void boundShouldOnlyShrink() {
		try (PreSamplingHeap heap = PreSamplingHeap.start()) {
			long start = heap.bytes();
			assertThat(heap.lowerTo(start + 1000)).isEqualTo(start);
			assertThat(heap.lowerTo(start - 1000)).isEqualTo(start - 1000);
			assertThat(heap.lowerTo(-5)).isZero();
			assertThat(heap.lowerTo(start)).isZero();
		}
	}

	@Test
	void garbageInTheHeapWhenSamplingStartsShouldLeaveTheBoundAtTheNextCollection() throws InterruptedException {
		try (HeapHoard garbage = HeapHoard.keep(64, 64 * 1024)) {
			// A collection now, to read the hoard as in use after the last one.
			System.gc();
		}
		try (PreSamplingHeap heap = PreSamplingHeap.start()) {
			long start = heap.bytes();
			// The hoard is garbage now: the next collection tells, without a request in between.
			System.gc();
			// The JVM tells listeners of a collection from a thread of its own, a little later.
			long deadline = System.nanoTime() + 5_000_000_000L;
			while (start - heap.bytes() <= 48L << 20 && System.nanoTime() < deadline) {
				Thread.sleep(10);
			}
			assertThat(start - heap.bytes()).as("bytes the bound lost").isGreaterThan(48L << 20);
		}
	}

}
