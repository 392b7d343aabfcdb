package dev.jvmpprof.labels;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.jvmpprof.pprof.Label;

/**
 * Joins the labels a profile gives a sample ({@code thread}, {@code state}) with those its thread carried, once per
 * distinct pair: a window has many samples and few distinct label sets. Not thread-safe: one per encoding.
 */
public final class SampleLabels {

	private final Map<Pair, List<Label>> combined = new HashMap<>();

	private final Map<List<Label>, List<Label>> distinct = new HashMap<>();

	/**
	 * Returns {@code own} with {@code carried} added; a carried label wins over an own one on the same key.
	 * @param own the labels the profile gives the sample, one instance per distinct value
	 * @param carried the labels its thread carried, one instance per distinct value
	 * @return the labels of the sample, the same instance for the same value
	 */
	public List<Label> of(List<Label> own, List<Label> carried) {
		if (carried.isEmpty()) {
			return own;
		}
		if (own.isEmpty()) {
			return carried;
		}
		return this.combined.computeIfAbsent(new Pair(own, carried),
				(pair) -> this.distinct.computeIfAbsent(combine(pair), (labels) -> labels));
	}

	private static List<Label> combine(Pair pair) {
		List<Label> labels = new ArrayList<>(pair.own.size() + pair.carried.size());
		for (Label label : pair.own) {
			if (pair.carried.stream().noneMatch((carried) -> carried.key().equals(label.key()))) {
				labels.add(label);
			}
		}
		labels.addAll(pair.carried);
		return List.copyOf(labels);
	}

	// Both lists come from caches that hand out one instance per distinct value: identity is enough, and cheap.
	private record Pair(List<Label> own, List<Label> carried) {

		@Override
		public boolean equals(Object other) {
			return other instanceof Pair pair && pair.own == this.own && pair.carried == this.carried;
		}

		@Override
		public int hashCode() {
			return 31 * System.identityHashCode(this.own) + System.identityHashCode(this.carried);
		}

	}

}
