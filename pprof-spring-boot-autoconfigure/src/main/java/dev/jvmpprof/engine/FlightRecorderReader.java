package dev.jvmpprof.engine;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;

import dev.jvmpprof.jfr.ThreadLabels;
import dev.jvmpprof.jfr.WindowProfileEncoder;
import dev.jvmpprof.labels.LabelCapture;
import dev.jvmpprof.pprof.Label;
import dev.jvmpprof.pprof.ProfileWriter;

/**
 * Reads the CPU and wall-clock samples of any JFR file with the JDK's reader, each labelled with its thread, and
 * wall-clock samples with the thread's state too.
 */
final class FlightRecorderReader implements SampleReader {

	private static final Set<String> EXECUTION_SAMPLE = Set.of("jdk.ExecutionSample");

	private static final Set<String> WALL_CLOCK_SAMPLE = Set.of("profiler.WallClockSample");

	// A count and the count times the period.
	private static final int VALUES = 2;

	@Override
	public void read(Window.Recorded recorded, SampledEvent event, LabelCapture.Lookup labels, ProfileWriter writer)
			throws IOException {
		long period = recorded.period(event).toNanos();
		switch (event) {
			case CPU -> WindowProfileEncoder.write(recorded.events(), EXECUTION_SAMPLE, new CpuSamples(period), VALUES,
					labels, writer);
			case WALL -> WindowProfileEncoder.write(recorded.events(), WALL_CLOCK_SAMPLE, new WallSamples(period),
					VALUES, labels, writer);
			case LOCK -> throw new IllegalArgumentException("Lock waits are not samples: the lock profiles read them");
		}
	}

	/** Each execution sample counts once, for one period of CPU time, on its thread. */
	private static final class CpuSamples implements WindowProfileEncoder.EventSamples {

		private final ThreadLabels threads = new ThreadLabels("sampledThread");

		private final long[] values;

		CpuSamples(long period) {
			this.values = new long[] { 1, period };
		}

		@Override
		public long[] values(RecordedEvent event) {
			return this.values;
		}

		@Override
		public List<Label> labels(RecordedEvent event) {
			return this.threads.of(event);
		}

	}

	/** A wall-clock event may stand for several samples of its thread, labelled with the thread and its state. */
	private static final class WallSamples implements WindowProfileEncoder.EventSamples {

		private final ThreadLabels threads = new ThreadLabels("sampledThread");

		private final long period;

		WallSamples(long period) {
			this.period = period;
		}

		@Override
		public long[] values(RecordedEvent event) {
			long count = Math.max(1, event.getLong("samples"));
			return new long[] { count, count * this.period };
		}

		@Override
		public List<Label> labels(RecordedEvent event) {
			String state = event.getEventType().getField("state") != null ? event.getString("state") : null;
			return this.threads.of(event, (state != null && state.startsWith("STATE_")) ? state.substring(6) : state);
		}

	}

}
