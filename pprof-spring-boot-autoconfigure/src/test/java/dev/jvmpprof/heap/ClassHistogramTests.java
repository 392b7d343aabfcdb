package dev.jvmpprof.heap;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClassHistogramTests {

	@Test
	void afterFullGcShouldCountTheLiveInstancesOfATypeExactly() {
		List<Retained> kept = new ArrayList<>();
		for (int i = 0; i < 20_000; i++) {
			kept.add(new Retained(i));
		}
		for (int i = 0; i < 50_000; i++) {
			new Retained(i).hashCode();
		}
		ClassHistogram histogram = ClassHistogram.afterFullGc().orElseThrow();
		long[] counts = histogram.byType().get(Retained.class.getName());
		assertThat(counts[0]).as("instances").isEqualTo(kept.size());
		assertThat(counts[1]).as("bytes").isEqualTo(kept.size() * JavaTypes.ofThisJvm(getClass().getClassLoader())
			.instanceSize(Retained.class.getName()));
		assertThat(histogram.totalBytes()).isGreaterThan(counts[1]);
	}

	@Test
	void parseShouldNameTypesAsJavaDoesAndSkipTheHeaderAndTotal() {
		ClassHistogram histogram = ClassHistogram.parse("""
				 num     #instances         #bytes  class name (module)
				-------------------------------------------------------
				   1:         18021        1243368  [B (java.base@17.0.15)
				   2:          3687         441088  java.lang.Class (java.base@17.0.15)
				   3:             2             48  [[Ljava.lang.String; (java.base@17.0.15)
				   4:             1             16  com.example.Order
				Total         21711        1684520
				""", 0);
		assertThat(histogram.byType()).containsOnlyKeys("byte[]", "java.lang.Class", "java.lang.String[][]",
				"com.example.Order");
		assertThat(histogram.byType().get("byte[]")).containsExactly(18021, 1243368);
		assertThat(histogram.totalBytes()).isEqualTo(1243368 + 441088 + 48 + 16);
	}

	private record Retained(long id) {
	}

}
