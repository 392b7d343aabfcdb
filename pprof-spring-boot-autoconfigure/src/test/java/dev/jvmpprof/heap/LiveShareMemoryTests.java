package dev.jvmpprof.heap;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.jvmpprof.heap.AllocationCounts.Bucket;
import dev.jvmpprof.heap.AllocationCounts.Site;
import dev.jvmpprof.heap.LiveShareMemory.Split;
import dev.jvmpprof.pprof.Frame;

import static org.assertj.core.api.Assertions.assertThat;

class LiveShareMemoryTests {

	private static final long MILLISECOND = 1_000_000;

	private static final String TYPE = "byte[]";

	private static final Site LEAK = new Site("[B", List.of(List.of(Frame.named("leak"))));

	private static final Site CACHE = new Site("[B", List.of(List.of(Frame.named("cache"))));

	private static final LiveObject OLD = new LiveObject(LEAK, 1024, 1_000 * MILLISECOND);

	private static final LiveObject OTHER = new LiveObject(LEAK, 1024, 2_000 * MILLISECOND);

	private static final LiveObject NEW = new LiveObject(LEAK, 1024, 3_000 * MILLISECOND);

	private final LiveShareMemory memory = new LiveShareMemory();

	@Test
	void aFirstAnswerShouldSpreadByWeight() {
		Split split = spread(List.of(OLD, OTHER), new double[] { 1, 3 }, 40_000);
		assertThat(split.shares()).containsExactly(10_000, 30_000);
		assertThat(split.unsampled()).isZero();
	}

	@Test
	void whatATypeGainedShouldGoToTheSamplesThatAreNew() {
		spread(List.of(OLD, OTHER), new double[] { 1, 1 }, 20_000);
		this.memory.answered(Map.of());
		assertThat(spread(List.of(OLD, OTHER, NEW), new double[] { 5, 5, 1 }, 50_000).shares())
			.containsExactly(10_000, 10_000, 30_000);
	}

	@Test
	void aTypeThatShrankShouldScaleTheKeptShares() {
		spread(List.of(OLD, OTHER), new double[] { 1, 3 }, 40_000);
		this.memory.answered(Map.of());
		assertThat(spread(List.of(OLD, OTHER, NEW), new double[] { 1, 1, 1 }, 20_000).shares())
			.containsExactly(5_000, 15_000, 1024);
	}

	@Test
	void aTypeWithoutSamplesShouldKeepItsBytesUnsampledWhenSamplesCome() {
		assertThat(spread(List.of(), new double[0], 10_000).unsampled()).isEqualTo(10_000);
		this.memory.answered(Map.of());
		// The new sample stands for what the type gained, not for what was there before anything was sampled.
		Split split = spread(List.of(NEW), new double[] { 1 }, 50_000);
		assertThat(split.shares()).containsExactly(40_000);
		assertThat(split.unsampled()).isEqualTo(10_000);
	}

	@Test
	void aSampleThatDiedShouldBeForgotten() {
		spread(List.of(OLD, OTHER), new double[] { 1, 1 }, 20_000);
		this.memory.answered(Map.of());
		spread(List.of(OTHER), new double[] { 1 }, 10_000);
		this.memory.answered(Map.of());
		// OLD is a new object to this answer: it shares what is beyond OTHER's kept share.
		assertThat(spread(List.of(OLD, OTHER), new double[] { 1, 1 }, 30_000).shares()).containsExactly(20_000, 10_000);
	}

	@Test
	void aTypeThatShrankShouldScaleWhatIsUnsampledWithTheShares() {
		spread(List.of(), new double[0], 10_000);
		this.memory.answered(Map.of());
		spread(List.of(NEW), new double[] { 1 }, 30_000);
		this.memory.answered(Map.of());
		Split split = spread(List.of(NEW), new double[] { 1 }, 15_000);
		assertThat(split.shares()).containsExactly(10_000);
		assertThat(split.unsampled()).isEqualTo(5_000);
	}

	@Test
	void aSampleShouldBeKnownAgainThoughItsTimeWasReadAnew() {
		spread(List.of(OLD, OTHER), new double[] { 1, 3 }, 40_000);
		this.memory.answered(Map.of());
		// The same objects, dumped in another recording: their times converted by that recording's clock reading.
		LiveObject old = new LiveObject(OLD.site(), OLD.size(), OLD.allocated() - 109);
		LiveObject other = new LiveObject(OTHER.site(), OTHER.size(), OTHER.allocated() + 97);
		assertThat(spread(List.of(old, other, NEW), new double[] { 1, 1, 1 }, 50_000).shares())
			.containsExactly(10_000, 30_000, 10_000);
	}

	@Test
	void aSampleShouldNotTakeTheShareOfAnotherAllocatedAtAnotherTime() {
		LiveObject chunk = new LiveObject(CACHE, 1024, 1_000 * MILLISECOND);
		spread(List.of(chunk), new double[] { 1 }, 10_000);
		this.memory.answered(Map.of());
		LiveObject later = new LiveObject(CACHE, 1024, chunk.allocated() + 2 * MILLISECOND);
		// Not the same object: nothing is kept, and the two new samples share the type by weight.
		Split split = spread(List.of(later, NEW), new double[] { 1, 3 }, 40_000);
		assertThat(split.shares()).containsExactly(10_000, 30_000);
	}

	@Test
	void aTypeNotSeenInTheLastAnswerShouldStartAfresh() {
		spread(List.of(OLD), new double[] { 1 }, 10_000);
		this.memory.answered(Map.of());
		this.memory.answered(Map.of());
		assertThat(spread(List.of(OLD, NEW), new double[] { 1, 1 }, 40_000).shares()).containsExactly(20_000, 20_000);
	}

	@Test
	void aNewSampleShouldStandForNoMoreThanItsSiteAllocatedSinceTheLastAnswer() {
		spread(List.of(OLD), new double[] { 1 }, 20_000);
		this.memory.answered(Map.of());
		double[] caps = { Double.POSITIVE_INFINITY, 5_000 };
		Split split = this.memory.spread(TYPE, List.of(OLD, NEW), new double[] { 1, 1 }, caps, 50_000);
		assertThat(split.shares()).containsExactly(20_000, 5_000);
		assertThat(split.unsampled()).isEqualTo(25_000);
	}

	@Test
	void aSitesAllocationsShouldCountFromTheLastAnswer() {
		Bucket leak = new Bucket(LEAK, 1024);
		assertThat(this.memory.allocatedSince(leak, Map.of())).isInfinite();
		this.memory.answered(Map.of(leak, new double[] { 10, 10_240 }));
		assertThat(this.memory.allocatedSince(leak, Map.of(leak, new double[] { 30, 30_720 }))).isEqualTo(20_480);
	}

	private Split spread(List<LiveObject> samples, double[] weights, long bytes) {
		double[] uncapped = new double[samples.size()];
		Arrays.fill(uncapped, Double.POSITIVE_INFINITY);
		return this.memory.spread(TYPE, samples, weights, uncapped, bytes);
	}

}
