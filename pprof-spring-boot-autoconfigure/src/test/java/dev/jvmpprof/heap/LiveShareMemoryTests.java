package dev.jvmpprof.heap;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.jvmpprof.heap.AllocationCounts.Site;

import static org.assertj.core.api.Assertions.assertThat;

class LiveShareMemoryTests {

	private static final long MILLISECOND = 1_000_000;

	private static final LiveObject OLD = new LiveObject(new Site("[B", List.of()), 1024, 1_000 * MILLISECOND);

	private static final LiveObject OTHER = new LiveObject(new Site("[B", List.of()), 1024, 2_000 * MILLISECOND);

	private static final LiveObject NEW = new LiveObject(new Site("[B", List.of()), 1024, 3_000 * MILLISECOND);

	private final LiveShareMemory memory = new LiveShareMemory();

	@Test
	void aFirstAnswerShouldSpreadByWeight() {
		assertThat(this.memory.spread(List.of(OLD, OTHER), new double[] { 1, 3 }, 40_000))
			.containsExactly(10_000, 30_000);
	}

	@Test
	void whatATypeGainedShouldGoToTheSamplesThatAreNew() {
		this.memory.spread(List.of(OLD, OTHER), new double[] { 1, 1 }, 20_000);
		this.memory.answered();
		assertThat(this.memory.spread(List.of(OLD, OTHER, NEW), new double[] { 5, 5, 1 }, 50_000))
			.containsExactly(10_000, 10_000, 30_000);
	}

	@Test
	void aTypeThatShrankShouldScaleTheKeptShares() {
		this.memory.spread(List.of(OLD, OTHER), new double[] { 1, 3 }, 40_000);
		this.memory.answered();
		assertThat(this.memory.spread(List.of(OLD, OTHER, NEW), new double[] { 1, 1, 1 }, 20_000))
			.containsExactly(5_000, 15_000, 1024);
	}

	@Test
	void aSampleThatDiedShouldBeForgotten() {
		this.memory.spread(List.of(OLD, OTHER), new double[] { 1, 1 }, 20_000);
		this.memory.answered();
		this.memory.spread(List.of(OTHER), new double[] { 1 }, 10_000);
		this.memory.answered();
		// OLD is a new object to this answer: it shares what is beyond OTHER's kept share.
		assertThat(this.memory.spread(List.of(OLD, OTHER), new double[] { 1, 1 }, 30_000))
			.containsExactly(20_000, 10_000);
	}

	@Test
	void aSampleShouldBeKnownAgainThoughItsTimeWasReadAnew() {
		this.memory.spread(List.of(OLD, OTHER), new double[] { 1, 3 }, 40_000);
		this.memory.answered();
		// The same objects, dumped in another recording: their times converted by that recording's clock reading.
		LiveObject old = new LiveObject(OLD.site(), OLD.size(), OLD.allocated() - 109);
		LiveObject other = new LiveObject(OTHER.site(), OTHER.size(), OTHER.allocated() + 97);
		assertThat(this.memory.spread(List.of(old, other, NEW), new double[] { 1, 1, 1 }, 50_000))
			.containsExactly(10_000, 30_000, 10_000);
	}

	@Test
	void aSampleShouldNotTakeTheShareOfAnotherAllocatedAtAnotherTime() {
		this.memory.spread(List.of(OLD), new double[] { 1 }, 10_000);
		this.memory.answered();
		LiveObject later = new LiveObject(OLD.site(), OLD.size(), OLD.allocated() + 2 * MILLISECOND);
		assertThat(this.memory.spread(List.of(later, NEW), new double[] { 1, 3 }, 40_000))
			.containsExactly(10_000, 30_000);
	}

}
