package dev.jvmpprof.asyncjfr;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.jvmpprof.labels.LabelCapture;
import dev.jvmpprof.labels.SampleLabels;
import dev.jvmpprof.pprof.Label;
import dev.jvmpprof.pprof.ProfileWriter;
import dev.jvmpprof.pprof.SampleTable;

/**
 * Makes the samples of a window from the events of its recordings: keeps those whose time lies within the window
 * (an instant's end is its start), labels each, and merges them first by the chunk's stack trace id, so that a stack
 * is converted once per chunk however many events share it.
 */
final class WindowSamples implements SampleEvents.Visitor {

	private final SampleKind kind;

	private final long windowStart;

	private final long windowEnd;

	private final long period;

	private final LabelCapture.Lookup carried;

	private final SampleLabels combined = new SampleLabels();

	private final ProfileWriter writer;

	private final SampleTable table;

	private final Map<ChunkSample, long[]> chunkSamples = new LinkedHashMap<>();

	private ChunkConstants constants;

	private ChunkThreadLabels threads;

	WindowSamples(SampleKind kind, long windowStart, long windowEnd, long period, LabelCapture.Lookup carried,
			ProfileWriter writer, SampleTable table) {
		this.kind = kind;
		this.windowStart = windowStart;
		this.windowEnd = windowEnd;
		this.period = period;
		this.carried = carried;
		this.writer = writer;
		this.table = table;
	}

	@Override
	public void chunkStarted(ChunkConstants constants) {
		this.constants = constants;
		this.threads = new ChunkThreadLabels(constants);
	}

	@Override
	public void event(long epochNanos, long[] fields) {
		if (epochNanos < this.windowStart || epochNanos > this.windowEnd) {
			return;
		}
		long thread = fields[SampleKind.THREAD];
		List<Label> labels = this.threads.of(thread,
				this.kind.labelsState() ? fields[SampleKind.STATE] : ChunkThreadLabels.NO_STATE);
		if (this.carried != null) {
			long javaThreadId = this.constants.javaThreadId(thread);
			if (javaThreadId != ChunkConstants.NO_THREAD) {
				labels = this.combined.of(labels, this.carried.at(javaThreadId, epochNanos));
			}
		}
		long count = this.kind.count(fields);
		long[] sum = this.chunkSamples.computeIfAbsent(new ChunkSample(fields[SampleKind.STACK_TRACE], labels),
				(key) -> new long[2]);
		sum[0] += count;
		sum[1] += count * this.period;
	}

	@Override
	public void chunkEnded() throws IOException {
		ChunkStacks stacks = new ChunkStacks(this.constants, this.writer);
		for (Map.Entry<ChunkSample, long[]> sample : this.chunkSamples.entrySet()) {
			this.table.add(stacks.locationIds(sample.getKey().stackTraceId), sample.getKey().labels,
					sample.getValue());
		}
		this.chunkSamples.clear();
	}

	// Label lists come from caches that hand out one instance per distinct value: identity is enough, and cheap.
	private record ChunkSample(long stackTraceId, List<Label> labels) {

		@Override
		public boolean equals(Object other) {
			return other instanceof ChunkSample sample && sample.stackTraceId == this.stackTraceId
					&& sample.labels == this.labels;
		}

		@Override
		public int hashCode() {
			return 31 * Long.hashCode(this.stackTraceId) + System.identityHashCode(this.labels);
		}

	}

}
