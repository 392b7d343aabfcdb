package dev.jvmpprof.wall;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;

import dev.jvmpprof.asyncjfr.AsyncWindowProfileEncoder;
import dev.jvmpprof.asyncjfr.SampleKind;
import dev.jvmpprof.engine.SampledEvent;
import dev.jvmpprof.engine.SamplingEngine;
import dev.jvmpprof.engine.Window;
import dev.jvmpprof.jfr.ThreadLabels;
import dev.jvmpprof.jfr.WindowProfileEncoder;
import dev.jvmpprof.labels.LabelCapture;
import dev.jvmpprof.labels.LabelTimeline;
import dev.jvmpprof.pprof.Label;
import dev.jvmpprof.pprof.ProfileHeader;
import dev.jvmpprof.pprof.ValueType;
import dev.jvmpprof.profile.ProfileException;
import dev.jvmpprof.profile.ProfileName;
import dev.jvmpprof.profile.ProfileOutput;
import dev.jvmpprof.profile.ProfileRequest;
import dev.jvmpprof.profile.ProfileSource;

/**
 * Takes the {@code wall} profile: every thread sampled at a fixed wall-clock interval whether it runs, sleeps or
 * waits, which shows why a request is slow where a CPU profile shows only what burns CPU. Each sample carries the
 * {@code thread} and its {@code state} as async-profiler saw it ({@code RUNNABLE}, {@code SLEEPING}...).
 */
public final class WallProfileCollector implements ProfileSource {

	static final List<ValueType> SAMPLE_TYPES = List.of(new ValueType("samples", "count"),
			new ValueType("wall", "nanoseconds"));

	static final ValueType PERIOD_TYPE = new ValueType("wall", "nanoseconds");

	private static final Set<String> WALL_SAMPLE = Set.of("profiler.WallClockSample");

	private final SamplingEngine engine;

	private final Duration interval;

	private final String program;

	/**
	 * Creates the collector.
	 * @param engine the engine that samples
	 * @param interval the wall time between two samples of a thread
	 * @param program the program's name, shown as {@code File:}
	 */
	public WallProfileCollector(SamplingEngine engine, Duration interval, String program) {
		this.engine = engine;
		this.interval = interval;
		this.program = program;
	}

	@Override
	public ProfileName name() {
		return ProfileName.WALL;
	}

	@Override
	public void take(ProfileRequest request, ProfileOutput output)
			throws ProfileException, IOException, InterruptedException {
		if (!this.engine.supports(SampledEvent.WALL)) {
			throw new ProfileException(ProfileException.Reason.UNAVAILABLE, "the wall profile needs async-profiler, "
					+ "and this JVM samples with " + this.engine.name());
		}
		long period = this.interval.toNanos();
		OutputStream out = output.binary();
		try (LabelCapture labels = LabelTimeline.shared().capture()) {
			this.engine.sample(Set.of(SampledEvent.WALL), request.window(),
					(recorded) -> encode(recorded, ProfileHeader.of(SAMPLE_TYPES, PERIOD_TYPE, period,
							recorded.start(), recorded.duration()), this.program, labels.lookup(), out));
		}
	}

	/**
	 * Encodes the wall-clock samples of a window, each sample labelled with its thread, its state and what the
	 * thread carried then. async-profiler's files are read with its own reader, others with the JDK's.
	 * @param recorded the finished window
	 * @param header the profile-wide fields; its period values each sample
	 * @param program the program's name, shown as {@code File:}
	 * @param labels the lookup of the labels threads carried during the window, or {@code null} for none
	 * @param out where the gzip'd profile goes; closed when done
	 * @throws IOException if the recording cannot be read or the profile written
	 */
	public static void encode(Window.Recorded recorded, ProfileHeader header, String program, LabelCapture.Lookup labels,
			OutputStream out) throws IOException {
		if (recorded.recorder() == Window.Recorder.ASYNC_PROFILER) {
			AsyncWindowProfileEncoder.encode(recorded, SampleKind.WALL, header, program, labels, out);
			return;
		}
		WindowProfileEncoder.encode(recorded, WALL_SAMPLE, header, program, new WallSamples(header.period()), labels,
				out);
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
