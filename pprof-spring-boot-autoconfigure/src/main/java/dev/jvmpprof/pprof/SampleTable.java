package dev.jvmpprof.pprof;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges samples that share a stack and labels by adding their values, as Go does before encoding, so a profile
 * holds one sample per distinct stack however many times it was seen.
 */
public final class SampleTable {

	private final Map<Key, long[]> samples = new LinkedHashMap<>();

	private final int valueCount;

	/**
	 * Creates a table for samples with {@code valueCount} values each.
	 * @param valueCount the number of sample types
	 */
	public SampleTable(int valueCount) {
		this.valueCount = valueCount;
	}

	/**
	 * Adds {@code values} to the sample of this stack and these labels.
	 * @param locationIds the stack, leaf first
	 * @param labels the sample's labels
	 * @param values one value per sample type
	 */
	public void add(long[] locationIds, List<Label> labels, long... values) {
		long[] sum = this.samples.computeIfAbsent(new Key(locationIds, labels), (key) -> new long[this.valueCount]);
		for (int i = 0; i < sum.length; i++) {
			sum[i] += values[i];
		}
	}

	/**
	 * Returns the number of distinct samples.
	 * @return the number of samples the profile will hold
	 */
	public int size() {
		return this.samples.size();
	}

	/**
	 * Writes every merged sample.
	 * @param writer the profile being written
	 * @throws IOException if the profile cannot be written
	 */
	public void writeTo(ProfileWriter writer) throws IOException {
		for (Map.Entry<Key, long[]> sample : this.samples.entrySet()) {
			writer.sample(sample.getKey().locationIds, sample.getValue(), sample.getKey().labels);
		}
	}

	private static final class Key {

		private final long[] locationIds;

		private final List<Label> labels;

		private final int hash;

		Key(long[] locationIds, List<Label> labels) {
			this.locationIds = locationIds;
			this.labels = List.copyOf(labels);
			this.hash = 31 * Arrays.hashCode(locationIds) + this.labels.hashCode();
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Key key && Arrays.equals(this.locationIds, key.locationIds)
					&& this.labels.equals(key.labels);
		}

		@Override
		public int hashCode() {
			return this.hash;
		}

	}

}
