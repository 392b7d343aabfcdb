package dev.jvmpprof.asyncjfr;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.jvmpprof.labels.LabelCapture;
import dev.jvmpprof.labels.SampleLabels;
import dev.jvmpprof.pprof.Label;
import dev.jvmpprof.pprof.ProfileWriter;

/**
 * Makes the samples of a window from the events of its recordings: keeps those whose time lies within the window
 * (an instant's end is its start), labels each, and merges those of the same stack and labels, as
 * {@code SampleTable} does on the JDK's path. Label lists are one instance per distinct value for the whole
 * encoding, and stacks carry their hash, so merging an event costs one lookup.
 */
final class WindowSamples implements SampleEvents.Visitor {

	private final SampleKind kind;

	private final long windowStart;

	private final long windowEnd;

	private final long period;

	private final SampleLabels combined = new SampleLabels();

	private final SampledThreads threads;

	private final ProfileWriter writer;

	// Sized for the thousands of distinct samples of a busy minute, not to be grown as they come.
	private final Map<SampleKey, long[]> samples = new LinkedHashMap<>(8192);

	private ChunkStacks stacks;

	WindowSamples(SampleKind kind, long windowStart, long windowEnd, long period, LabelCapture.Lookup carried,
			ProfileWriter writer) {
		this.kind = kind;
		this.windowStart = windowStart;
		this.windowEnd = windowEnd;
		this.period = period;
		this.threads = new SampledThreads(carried);
		this.writer = writer;
	}

	@Override
	public void chunkStarted(ChunkConstants constants) {
		this.stacks = new ChunkStacks(constants, this.writer);
		this.threads.chunkStarted(constants);
	}

	@Override
	public void event(long epochNanos, long[] fields) throws IOException {
		if (epochNanos < this.windowStart || epochNanos > this.windowEnd) {
			return;
		}
		SampledThreads.SampledThread thread = this.threads.thread(fields[SampleKind.THREAD]);
		List<Label> labels = this.combined.of(
				thread.labels(this.kind.labelsState() ? fields[SampleKind.STATE] : SampledThreads.NO_STATE),
				thread.carriedAt(epochNanos));
		long count = this.kind.count(fields);
		long[] sum = this.samples.computeIfAbsent(
				new SampleKey(this.stacks.stack(fields[SampleKind.STACK_TRACE]), labels), (key) -> new long[2]);
		sum[0] += count;
		sum[1] += count * this.period;
	}

	@Override
	public void chunkEnded() {
		this.stacks = null;
	}

	/**
	 * Writes the merged samples.
	 * @throws IOException if the profile cannot be written
	 */
	void writeTo() throws IOException {
		for (Map.Entry<SampleKey, long[]> sample : this.samples.entrySet()) {
			this.writer.sample(sample.getKey().stack.locationIds(), sample.getValue(), sample.getKey().labels);
		}
	}

	// Label lists are one instance per distinct value: identity is enough, and cheap.
	private record SampleKey(ChunkStacks.Stack stack, List<Label> labels) {

		@Override
		public boolean equals(Object other) {
			return other instanceof SampleKey key && key.labels == this.labels && key.stack.equals(this.stack);
		}

		@Override
		public int hashCode() {
			return 31 * this.stack.hashCode() + System.identityHashCode(this.labels);
		}

	}

}
