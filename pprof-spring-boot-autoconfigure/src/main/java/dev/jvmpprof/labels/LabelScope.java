package dev.jvmpprof.labels;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a thread carries at one moment: the labels of what it entered last, nested in those of what it entered
 * before, as Go's {@code pprof.Do} nests label sets. Immutable; a thread's state is a pointer to its innermost scope.
 */
final class LabelScope {

	final LabelScope outer;

	final Object owner;

	final LabelSource source;

	LabelScope(LabelScope outer, Object owner, LabelSource source) {
		this.outer = outer;
		this.owner = owner;
		this.source = source;
	}

	/**
	 * Returns whether {@code other} carries the same labels for the same work: the same owner entered in the same
	 * place, as when a reactive request's scope is restored on each hop.
	 */
	boolean sameAs(LabelScope other) {
		return this == other || (other != null && this.owner == other.owner && this.outer == other.outer
				&& this.source == other.source);
	}

	/**
	 * Resolves the labels of this scope and its outer ones; an inner scope's value wins on the same key.
	 * @return the labels, sorted by key
	 */
	Map<String, String> resolve() {
		Deque<LabelScope> chain = new ArrayDeque<>();
		for (LabelScope scope = this; scope != null; scope = scope.outer) {
			chain.push(scope);
		}
		Map<String, String> labels = new TreeMap<>();
		for (LabelScope scope : chain) {
			labels.putAll(scope.source.labelsOf(scope.owner));
		}
		return labels;
	}

}
