package dev.jvmpprof.heap;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.jvmpprof.heap.AllocationCounts.Bucket;
import dev.jvmpprof.heap.AllocationCounts.Site;
import dev.jvmpprof.pprof.Frame;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The allocation totals: one counter per site and size class, whichever way the compiler grouped the site's frames.
 */
class AllocationCountsTests {

	private static final Frame LEAF = new Frame("com.example.Orders.add", "com/example/Orders.java", 12);

	private static final Frame CALLER = new Frame("com.example.Report.build", "com/example/Report.java", 40);

	@Test
	void aStackGroupedIntoOtherInlineChainsShouldFindTheSameCounter() {
		AllocationCounts counts = new AllocationCounts();
		Site inlined = new Site("com.example.Order", List.of(List.of(LEAF, CALLER)));
		Site notInlined = new Site("com.example.Order", List.of(List.of(LEAF), List.of(CALLER)));
		double[] counter = counts.counter(new Bucket(inlined, 24));
		assertThat(counts.counter(new Bucket(notInlined, 24))).isSameAs(counter);
		assertThat(counts.site(notInlined)).isEqualTo(inlined);
		assertThat(counts.counter(new Bucket(notInlined, 32))).isNotSameAs(counter);
		assertThat(counts.counter(new Bucket(new Site("com.example.Invoice", notInlined.stack()), 24)))
			.isNotSameAs(counter);
	}

	@Test
	void totalsShouldOnlyGrow() {
		AllocationCounts counts = new AllocationCounts();
		Bucket bucket = new Bucket(new Site("[B", List.of(List.of(LEAF))), 1024);
		counts.add(counts.counter(bucket), 256, 262_144);
		double[] before = counts.snapshot().get(bucket);
		counts.add(counts.counter(bucket), 1, 1024);
		assertThat(before).containsExactly(256, 262_144);
		assertThat(counts.snapshot().get(bucket)).containsExactly(257, 263_168);
	}

}
