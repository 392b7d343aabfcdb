package dev.jvmpprof.pprof;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A profile held in memory as stacks of frames with their merged values: what snapshot profiles (threads, heap,
 * thread creation) build, compare with an earlier snapshot for Go's {@code ?seconds=N} delta, render as text, and
 * write as pprof.
 */
public final class StackProfile {

	private final Map<StackKey, long[]> samples = new LinkedHashMap<>();

	private final int valueCount;

	private final List<String> comments = new ArrayList<>();

	/**
	 * Creates an empty profile.
	 * @param valueCount the number of sample types
	 */
	public StackProfile(int valueCount) {
		this.valueCount = valueCount;
	}

	/**
	 * Adds {@code values} to the sample of this stack and these labels.
	 * @param stack the stack, leaf first; each element is one location's inline chain, callee first
	 * @param labels the sample's labels
	 * @param values one value per sample type
	 */
	public void add(List<List<Frame>> stack, List<Label> labels, long... values) {
		if (values.length != this.valueCount) {
			throw new IllegalArgumentException("A sample needs " + this.valueCount + " values, not " + values.length);
		}
		long[] sum = this.samples.computeIfAbsent(new StackKey(stack, labels), (key) -> new long[this.valueCount]);
		for (int i = 0; i < sum.length; i++) {
			sum[i] += values[i];
		}
	}

	/**
	 * Adds a comment that clients show with the profile's header, such as what its values hold as of when.
	 * @param text the comment
	 */
	public void comment(String text) {
		this.comments.add(text);
	}

	/**
	 * Returns this profile minus {@code base}, as Go's delta profiles: values may be negative, samples whose values
	 * are all zero are dropped; the comments are this profile's.
	 * @param base the earlier snapshot
	 * @return the difference
	 */
	public StackProfile minus(StackProfile base) {
		StackProfile delta = new StackProfile(this.valueCount);
		delta.comments.addAll(this.comments);
		this.samples.forEach((key, values) -> delta.samples.put(key, values.clone()));
		base.samples.forEach((key, values) -> {
			long[] difference = delta.samples.computeIfAbsent(key, (missing) -> new long[this.valueCount]);
			for (int i = 0; i < difference.length; i++) {
				difference[i] -= values[i];
			}
		});
		delta.samples.values().removeIf((values) -> Arrays.stream(values).allMatch((value) -> value == 0));
		return delta;
	}

	/**
	 * Returns the samples, largest first by the value at {@code valueIndex}.
	 * @param valueIndex the sample type to order by
	 * @return the samples
	 */
	public List<Sample> samplesByValue(int valueIndex) {
		List<Sample> sorted = new ArrayList<>(this.samples.size());
		this.samples.forEach((key, values) -> sorted.add(new Sample(key.stack, key.labels, values.clone())));
		sorted.sort((a, b) -> Long.compare(b.values()[valueIndex], a.values()[valueIndex]));
		return sorted;
	}

	/**
	 * Returns the sum of one value over all samples.
	 * @param valueIndex the sample type
	 * @return the total
	 */
	public long total(int valueIndex) {
		return this.samples.values().stream().mapToLong((values) -> values[valueIndex]).sum();
	}

	/**
	 * Returns the number of distinct samples.
	 * @return the size
	 */
	public int size() {
		return this.samples.size();
	}

	/**
	 * Writes the profile as gzip'd pprof.
	 * @param out where the profile goes; closed when done
	 * @param header the profile-wide fields
	 * @param program the program's name, shown as {@code File:}
	 * @throws IOException if the output fails
	 */
	public void writeTo(OutputStream out, ProfileHeader header, String program) throws IOException {
		try (ProfileWriter writer = new ProfileWriter(out, header, program)) {
			for (String comment : this.comments) {
				writer.comment(comment);
			}
			for (Map.Entry<StackKey, long[]> sample : this.samples.entrySet()) {
				List<List<Frame>> stack = sample.getKey().stack;
				long[] locationIds = new long[stack.size()];
				for (int i = 0; i < locationIds.length; i++) {
					locationIds[i] = writer.location(stack.get(i));
				}
				writer.sample(locationIds, sample.getValue(), sample.getKey().labels);
			}
		}
	}

	/**
	 * One merged sample.
	 *
	 * @param stack the stack, leaf first
	 * @param labels the labels
	 * @param values the values, one per sample type
	 */
	public record Sample(List<List<Frame>> stack, List<Label> labels, long[] values) {
	}

	private record StackKey(List<List<Frame>> stack, List<Label> labels) {

		StackKey {
			stack = Collections.unmodifiableList(stack);
			labels = List.copyOf(labels);
		}

	}

}
