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
	static void recordAllocationSamples(@TempDir Path directory) throws Exception {
		recording = directory.resolve("allocations.jfr");
		try (Recording allocations = new Recording()) {
			allocations.enable(HeapSampler.ALLOCATION_SAMPLE).with("throttle", "1000/s").withStackTrace();
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
		long[] counter = cache.counter("[J", first);
		counts.add(counter, 1024);
		counts.add(cache.counter("[J", again.getStackTrace()), 2048);
		assertThat(cache.counter("[J", again.getStackTrace())).isSameAs(counter);
		assertThat(counts.snapshot()).containsOnlyKeys(new Site("[J", StackConverter.stack(first)));
		assertThat(counts.snapshot().values()).singleElement().isEqualTo(new long[] { 2, 3072 });
	}

	@Test
	void anotherParseOfTheStackShouldFindTheSameCounter() throws Exception {
		// A new chunk, or a cache emptied when full, hands out new objects for stacks counted before.
		RecordedStackTrace first = samplesFrom(this::allocatedHere).get(0).getStackTrace();
		RecordedStackTrace reparsed = samplesFrom(this::allocatedHere).get(0).getStackTrace();
		assertThat(reparsed).isNotSameAs(first);
		AllocationCounts counts = new AllocationCounts();
		AllocationSiteCache cache = new AllocationSiteCache(counts);
		assertThat(new AllocationSiteCache(counts).counter("[J", reparsed)).isSameAs(cache.counter("[J", first));
		assertThat(counts.snapshot()).hasSize(1);
	}

	@Test
	void aCacheEmptiedWhenFullShouldStillFindTheSameCounters() throws Exception {
		RecordedStackTrace first = samplesFrom(this::allocatedHere).get(0).getStackTrace();
		RecordedStackTrace reparsed = samplesFrom(this::allocatedHere).get(0).getStackTrace();
		AllocationCounts counts = new AllocationCounts();
		AllocationSiteCache cache = new AllocationSiteCache(counts, 1);
		long[] counter = cache.counter("[J", first);
		long[] other = cache.counter("[I", reparsed);
		// Full with one stack: each of these empties the cache before keeping its own.
		assertThat(cache.counter("[J", reparsed)).isSameAs(counter);
		assertThat(cache.counter("[I", first)).isSameAs(other);
		assertThat(cache.stacksKept()).isEqualTo(1);
		assertThat(counts.snapshot()).hasSize(2);
	}

	@Test
	void anotherTypeAtTheSameStackShouldBeAnotherSite() throws Exception {
		RecordedStackTrace stack = samplesFrom(this::allocatedHere).get(0).getStackTrace();
		AllocationCounts counts = new AllocationCounts();
		AllocationSiteCache cache = new AllocationSiteCache(counts);
		assertThat(cache.counter("[J", stack)).isNotSameAs(cache.counter("[I", stack));
		assertThat(counts.snapshot()).hasSize(2);
	}

	@Test
	void aSampleWithoutAStackShouldCountAtNoJavaFrames() {
		AllocationCounts counts = new AllocationCounts();
		long[] counter = new AllocationSiteCache(counts).counter("[J", null);
		assertThat(new AllocationSiteCache(counts).counter("[J", null)).isSameAs(counter);
		assertThat(counts.snapshot().keySet()).singleElement()
			.satisfies((site) -> assertThat(site.stack().get(0).get(0).function()).isEqualTo("[no Java frames]"));
	}

	private boolean allocatedHere(RecordedEvent sample) {
		RecordedStackTrace stack = sample.getStackTrace();
		return stack != null && !stack.getFrames().isEmpty()
				&& stack.getFrames().get(0).getMethod().getName().equals("allocateArrays");
	}

	private static List<RecordedEvent> samplesFrom(Predicate<RecordedEvent> wanted) throws Exception {
		return RecordingFile.readAllEvents(recording)
			.stream()
			.filter((event) -> event.getEventType().getName().equals(HeapSampler.ALLOCATION_SAMPLE))
			.filter(wanted)
			.toList();
	}

}
