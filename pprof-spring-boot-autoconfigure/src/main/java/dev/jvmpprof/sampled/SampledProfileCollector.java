package dev.jvmpprof.sampled;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import dev.jvmpprof.engine.SampledEvent;
import dev.jvmpprof.engine.SamplingEngine;
import dev.jvmpprof.engine.Window;
import dev.jvmpprof.labels.LabelCapture;
import dev.jvmpprof.labels.LabelTimeline;
import dev.jvmpprof.pprof.ProfileHeader;
import dev.jvmpprof.pprof.ProfileWriter;
import dev.jvmpprof.pprof.ValueType;
import dev.jvmpprof.profile.ProfileException;
import dev.jvmpprof.profile.ProfileName;
import dev.jvmpprof.profile.ProfileRequest;
import dev.jvmpprof.profile.ProfileOutput;
import dev.jvmpprof.profile.ProfileSource;

/**
 * Takes a profile of stack samples over a window, shaped like Go's CPU profile: {@code samples/count} and
 * {@code <kind>/nanoseconds}, one sample per stack, thread and labels (the request a thread served and the
 * {@code PprofLabels} blocks it ran in). {@link #cpu} samples threads running on a CPU ({@code profile});
 * {@link #wall} samples every thread at a wall-clock interval whether it runs, sleeps or waits ({@code wall}),
 * labelled with the thread's state too. The period comes from the window, as the engine sampled it.
 */
public final class SampledProfileCollector implements ProfileSource {

	private final ProfileName name;

	private final SampledEvent event;

	private final String needs;

	private final List<ValueType> sampleTypes;

	private final SamplingEngine engine;

	private final String program;

	private SampledProfileCollector(ProfileName name, SampledEvent event, String valueType, String needs,
			SamplingEngine engine, String program) {
		this.name = name;
		this.event = event;
		this.needs = needs;
		this.sampleTypes = List.of(new ValueType("samples", "count"), new ValueType(valueType, "nanoseconds"));
		this.engine = engine;
		this.program = program;
	}

	/**
	 * Creates the collector of the {@code profile} profile: CPU samples.
	 * @param engine the engine that samples
	 * @param program the program's name, shown by clients as {@code File:}
	 * @return the collector
	 */
	public static SampledProfileCollector cpu(SamplingEngine engine, String program) {
		return new SampledProfileCollector(ProfileName.PROFILE, SampledEvent.CPU, "cpu",
				"the CPU profile needs an engine that samples CPU time", engine, program);
	}

	/**
	 * Creates the collector of the {@code wall} profile: wall-clock samples of every thread.
	 * @param engine the engine that samples
	 * @param program the program's name, shown by clients as {@code File:}
	 * @return the collector
	 */
	public static SampledProfileCollector wall(SamplingEngine engine, String program) {
		return new SampledProfileCollector(ProfileName.WALL, SampledEvent.WALL, "wall",
				"the wall profile needs async-profiler", engine, program);
	}

	@Override
	public ProfileName name() {
		return this.name;
	}

	@Override
	public void take(ProfileRequest request, ProfileOutput output)
			throws ProfileException, IOException, InterruptedException {
		if (!this.engine.supports(this.event)) {
			throw new ProfileException(ProfileException.Reason.UNAVAILABLE,
					this.needs + ", and this JVM samples with " + this.engine.name());
		}
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
		try (LabelCapture labels = LabelTimeline.shared().capture()) {
			this.engine.sample(Set.of(this.event), duration, (recorded) -> encode(recorded, labels.lookup(), out));
		}
	}

	/**
	 * Writes the profile of a finished window: its samples, read with the window's own reader and valued at the
	 * period it was sampled at.
	 * @param recorded the finished window
	 * @param labels the lookup of the labels threads carried during the window, or {@code null} for none
	 * @param out where the gzip'd profile goes; closed when done
	 * @throws IOException if the recording cannot be read or the profile written
	 */
	public void encode(Window.Recorded recorded, LabelCapture.Lookup labels, OutputStream out) throws IOException {
		ProfileHeader header = ProfileHeader.of(this.sampleTypes, this.sampleTypes.get(1),
				recorded.period(this.event).toNanos(), recorded.start(), recorded.duration());
		try (ProfileWriter writer = new ProfileWriter(out, header, this.program)) {
			recorded.read(this.event, labels, writer);
		}
	}

}
