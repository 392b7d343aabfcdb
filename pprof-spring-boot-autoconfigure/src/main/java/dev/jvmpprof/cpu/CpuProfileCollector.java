package dev.jvmpprof.cpu;

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
 * Takes the {@code profile} profile: CPU samples over a window, shaped exactly like Go's CPU profile
 * ({@code samples/count} and {@code cpu/nanoseconds}, one sample per stack, thread and labels: the request a thread
 * served and the {@code PprofLabels} blocks it ran in).
 */
public final class CpuProfileCollector implements ProfileSource {

	private static final Set<String> EXECUTION_SAMPLE = Set.of("jdk.ExecutionSample");

	static final List<ValueType> SAMPLE_TYPES = List.of(new ValueType("samples", "count"),
			new ValueType("cpu", "nanoseconds"));

	static final ValueType PERIOD_TYPE = new ValueType("cpu", "nanoseconds");

	private final SamplingEngine engine;

	private final Duration interval;

	private final String program;

	/**
	 * Creates a collector.
	 * @param engine the engine that samples
	 * @param interval the CPU time between two samples of a thread
	 * @param program the program's name, shown by clients as {@code File:}
	 */
	public CpuProfileCollector(SamplingEngine engine, Duration interval, String program) {
		this.engine = engine;
		this.interval = interval;
		this.program = program;
	}

	@Override
	public ProfileName name() {
		return ProfileName.PROFILE;
	}

	@Override
	public void take(ProfileRequest request, ProfileOutput output)
			throws ProfileException, IOException, InterruptedException {
		collect(request.window(), output.binary());
	}

	/**
	 * Samples for {@code duration} and writes the profile to {@code out}.
	 * @param duration how long to sample
	 * @param out where the gzip'd profile goes
	 * @throws ProfileException if the engine is busy or unavailable
	 * @throws IOException if the recording or the output fails
	 * @throws InterruptedException if the request is abandoned while sampling
	 */
	public void collect(Duration duration, OutputStream out)
			throws ProfileException, IOException, InterruptedException {
		long period = this.interval.toNanos();
		try (LabelCapture labels = LabelTimeline.shared().capture()) {
			this.engine.sample(Set.of(SampledEvent.CPU), duration, (recorded) -> encode(recorded,
					ProfileHeader.of(SAMPLE_TYPES, PERIOD_TYPE, period, recorded.start(), recorded.duration()),
					this.program, labels.lookup(), out));
		}
	}

	/**
	 * Encodes the execution samples of a window as a CPU profile: one sample per distinct stack and thread, valued
	 * {@code [count, count * period]}.
	 * @param recorded the finished window
	 * @param header the profile-wide fields; its period values each sample
	 * @param program the program's name, shown as {@code File:}
	 * @param out where the gzip'd profile goes; closed when done
	 * @throws IOException if the recording cannot be read or the profile written
	 */
	public static void encode(Window.Recorded recorded, ProfileHeader header, String program, OutputStream out)
			throws IOException {
		encode(recorded, header, program, null, out);
	}

	/**
	 * Encodes the execution samples of a window as a CPU profile, each sample labelled also with what its thread
	 * carried then. async-profiler's files are read with its own reader, Flight Recorder's with the JDK's.
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
			AsyncWindowProfileEncoder.encode(recorded, SampleKind.CPU, header, program, labels, out);
			return;
		}
		WindowProfileEncoder.encode(recorded, EXECUTION_SAMPLE, header, program, new CpuSamples(header.period()),
				labels, out);
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

}
