package dev.jvmpprof.heap;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.jvmpprof.heap.AllocationCounts.Bucket;
import dev.jvmpprof.heap.AllocationCounts.Site;
import dev.jvmpprof.jfr.StackConverter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stream's cache of allocation sites, on stack traces that JFR's parser handed out: one counter per site,
 * whichever parse of the stack finds it.
 */
class AllocationSiteCacheTests {

	private static volatile Object sink;

	private static Path recording;

	@BeforeAll
	static void recordAllocationEvents(@TempDir Path directory) throws Exception {
		recording = directory.resolve("allocations.jfr");
		try (Recording allocations = new Recording()) {
			allocations.enable(HeapSampler.IN_NEW_BUFFER).withStackTrace();
			allocations.start();
			long end = System.nanoTime() + 300_000_000L;
			while (System.nanoTime() < end) {
				allocateArrays();
			}
			allocations.stop();
			allocations.dump(recording);
		}
	}

	private static void allocateArrays() {
		for (int i = 0; i < 1000; i++) {
			sink = new long[128];
		}
	}

	@Test
	void theSameStackShouldFindTheSameCounter() throws Exception {
		List<RecordedEvent> samples = samplesFrom(this::allocatedHere);
		assertThat(samples).as("samples of allocateArrays").hasSizeGreaterThan(1);
		RecordedStackTrace first = samples.get(0).getStackTrace();
		RecordedEvent again = samples.stream()
			.filter((sample) -> sample.getStackTrace() == first)
			.skip(1)
			.findFirst()
			.orElseThrow();
		AllocationCounts counts = new AllocationCounts();
		AllocationSiteCache cache = new AllocationSiteCache(counts);
		double[] counter = cache.counter("[J", 1040, first);
		counts.add(counter, 1, 1040);
		counts.add(cache.counter("[J", 1040, again.getStackTrace()), 2, 2080);
		assertThat(cache.counter("[J", 1040, again.getStackTrace())).isSameAs(counter);
		// long[128] is 1,040 bytes, of the size class 1,152.
		assertThat(counts.snapshot()).containsOnlyKeys(new Bucket(new Site("[J", StackConverter.stack(first)), 1152));
		assertThat(counts.snapshot().values()).singleElement().isEqualTo(new double[] { 3, 3120 });
	}

	@Test
	void anotherParseOfTheStackShouldFindTheSameCounter() throws Exception {
		// A new chunk, or a cache emptied when full, hands out new objects for stacks counted before.
		RecordedStackTrace first = samplesFrom(this::allocatedHere).get(0).getStackTrace();
		RecordedStackTrace reparsed = samplesFrom(this::allocatedHere).get(0).getStackTrace();
		assertThat(reparsed).isNotSameAs(first);
		AllocationCounts counts = new AllocationCounts();
		AllocationSiteCache cache = new AllocationSiteCache(counts);
		assertThat(new AllocationSiteCache(counts).counter("[J", 1040, reparsed))
			.isSameAs(cache.counter("[J", 1040, first));
		assertThat(counts.snapshot()).hasSize(1);
	}

	@Test
	void aCacheEmptiedWhenFullShouldStillFindTheSameCounters() throws Exception {
		RecordedStackTrace first = samplesFrom(this::allocatedHere).get(0).getStackTrace();
		RecordedStackTrace reparsed = samplesFrom(this::allocatedHere).get(0).getStackTrace();
		AllocationCounts counts = new AllocationCounts();
		AllocationSiteCache cache = new AllocationSiteCache(counts, 1);
		double[] counter = cache.counter("[J", 1040, first);
		double[] other = cache.counter("[I", 1040, reparsed);
		// Full with one stack: each of these empties the cache before keeping its own.
		assertThat(cache.counter("[J", 1040, reparsed)).isSameAs(counter);
		assertThat(cache.counter("[I", 1040, first)).isSameAs(other);
		assertThat(cache.stacksKept()).isEqualTo(1);
		assertThat(counts.snapshot()).hasSize(2);
	}

	@Test
	void anotherTypeAtTheSameStackShouldBeAnotherSite() throws Exception {
		RecordedStackTrace stack = samplesFrom(this::allocatedHere).get(0).getStackTrace();
		AllocationCounts counts = new AllocationCounts();
		AllocationSiteCache cache = new AllocationSiteCache(counts);
		assertThat(cache.counter("[J", 1040, stack)).isNotSameAs(cache.counter("[I", 1040, stack));
		assertThat(counts.snapshot()).hasSize(2);
	}

	@Test
	void sizesOfOneClassShouldShareACounterAndOtherClassesNot() throws Exception {
		RecordedStackTrace stack = samplesFrom(this::allocatedHere).get(0).getStackTrace();
		AllocationCounts counts = new AllocationCounts();
		AllocationSiteCache cache = new AllocationSiteCache(counts);
		// 65,552 and 65,600 bytes both round up to the class of 73,728; 64 KiB is a class of its own.
		assertThat(cache.counter("[B", 65_552, stack)).isSameAs(cache.counter("[B", 65_600, stack))
			.isNotSameAs(cache.counter("[B", 65_536, stack));
		assertThat(counts.snapshot().keySet()).extracting(Bucket::size).containsExactlyInAnyOrder(73_728L, 65_536L);
	}

	@Test
	void aSampleWithoutAStackShouldCountAtNoJavaFrames() {
		AllocationCounts counts = new AllocationCounts();
		double[] counter = new AllocationSiteCache(counts).counter("[J", 1040, null);
		assertThat(new AllocationSiteCache(counts).counter("[J", 1040, null)).isSameAs(counter);
		assertThat(counts.snapshot().keySet()).singleElement()
			.satisfies((bucket) -> assertThat(bucket.site().stack().get(0).get(0).function())
				.isEqualTo("[no Java frames]"));
	}

	private boolean allocatedHere(RecordedEvent sample) {
		RecordedStackTrace stack = sample.getStackTrace();
		return stack != null && !stack.getFrames().isEmpty()
				&& stack.getFrames().get(0).getMethod().getName().equals("allocateArrays");
	}

	private static List<RecordedEvent> samplesFrom(Predicate<RecordedEvent> wanted) throws Exception {
		return RecordingFile.readAllEvents(recording)
			.stream()
			.filter((event) -> event.getEventType().getName().equals(HeapSampler.IN_NEW_BUFFER))
			.filter(wanted)
			.toList();
	}

}
