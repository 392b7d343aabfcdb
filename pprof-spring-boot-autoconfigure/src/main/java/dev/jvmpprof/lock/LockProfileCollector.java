package dev.jvmpprof.lock;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;

import dev.jvmpprof.engine.SampledEvent;
import dev.jvmpprof.engine.SamplingEngine;
import dev.jvmpprof.jfr.WindowProfileEncoder;
import dev.jvmpprof.labels.LabelCapture;
import dev.jvmpprof.labels.LabelTimeline;
import dev.jvmpprof.pprof.ContentionProfileText;
import dev.jvmpprof.pprof.Label;
import dev.jvmpprof.pprof.ProfileHeader;
import dev.jvmpprof.pprof.ProfileWriter;
import dev.jvmpprof.pprof.StackProfile;
import dev.jvmpprof.pprof.ValueType;
import dev.jvmpprof.profile.ProfileException;
import dev.jvmpprof.profile.ProfileName;
import dev.jvmpprof.profile.ProfileOutput;
import dev.jvmpprof.profile.ProfileRequest;
import dev.jvmpprof.profile.ProfileSource;

/**
 * The lock profiles, {@code block} and {@code mutex}: where threads waited, at the waiting thread's stack, valued
 * {@code [contentions, delay in nanoseconds]} as Go's are; since startup from a {@link LockWaitRecorder}, or over a
 * window ({@code seconds}). Waits shorter than the threshold are not recorded, so the totals are those of waits at
 * least that long; they are not scaled.
 */
public abstract class LockProfileCollector implements ProfileSource {

	static final List<ValueType> SAMPLE_TYPES = List.of(new ValueType("contentions", "count"),
			new ValueType("delay", "nanoseconds"));

	static final ValueType PERIOD_TYPE = new ValueType("contentions", "count");

	private final ProfileName name;

	private final SamplingEngine engine;

	private final LockWaitRecorder recorder;

	private final String offReason;

	private final String program;

	LockProfileCollector(ProfileName name, SamplingEngine engine, LockWaitRecorder recorder, String offReason,
			String program) {
		this.name = name;
		this.engine = engine;
		this.recorder = recorder;
		this.offReason = offReason;
		this.program = program;
	}

	@Override
	public ProfileName name() {
		return this.name;
	}

	@Override
	public void take(ProfileRequest request, ProfileOutput output)
			throws ProfileException, IOException, InterruptedException {
		if (request.debug() > 0) {
			output.text(ContentionProfileText.format(this.name == ProfileName.MUTEX, sinceStart()));
			return;
		}
		OutputStream out = output.binary();
		if (request.seconds().isPresent()) {
			window(request.seconds().get(), out);
		}
		else {
			sinceStart(out);
		}
	}

	private void window(Duration duration, OutputStream out)
			throws ProfileException, IOException, InterruptedException {
		try (LabelCapture labels = LabelTimeline.shared().capture()) {
			this.engine.sample(Set.of(SampledEvent.LOCK), duration, (recorded) -> {
				ProfileHeader header = ProfileHeader.of(SAMPLE_TYPES, PERIOD_TYPE, 1, recorded.start(),
						recorded.duration());
				try (ProfileWriter writer = new ProfileWriter(out, header, this.program)) {
					// Waits are recorded whole, in JFR events any reader reads, whichever engine recorded them.
					WindowProfileEncoder.write(recorded.events(), LockWaits.EVENTS, new LockSamples(),
							SAMPLE_TYPES.size(), labels.lookup(), writer);
				}
			});
		}
	}

	/**
	 * Writes every wait since startup, as Go's plain lock profiles: cumulative, so that a scraper's difference of
	 * two answers is the waits in between. Where nothing records them, an empty profile says why, as Go answers
	 * an empty profile while its rate is 0.
	 */
	private void sinceStart(OutputStream out) throws IOException {
		ProfileHeader header = ProfileHeader.of(SAMPLE_TYPES, PERIOD_TYPE, 1, Instant.now(), Duration.ZERO);
		String unavailable = unavailableReason();
		if (unavailable != null) {
			try (ProfileWriter writer = new ProfileWriter(out, header, this.program)) {
				writer.comment(unavailable);
			}
			return;
		}
		sinceStart().writeTo(out, header, this.program);
	}

	private StackProfile sinceStart() {
		return (unavailableReason() != null) ? new StackProfile(SAMPLE_TYPES.size())
				: this.recorder.sinceStart(this.name);
	}

	private String unavailableReason() {
		return (this.recorder != null) ? this.recorder.unavailableReason() : this.offReason;
	}

	/**
	 * Returns whether a recorded wait belongs to this profile.
	 * @param event a monitor enter, park or monitor wait
	 * @return whether to count it
	 */
	abstract boolean counts(RecordedEvent event);

	/**
	 * Each wait counts once, valued its length. Like Go's, a wait carries no thread label; it carries the labels
	 * its thread carried (its request, {@code PprofLabels} blocks), which Go's lock profiles leave out.
	 */
	private final class LockSamples implements WindowProfileEncoder.EventSamples {

		@Override
		public long[] values(RecordedEvent event) {
			return counts(event) ? new long[] { 1, event.getDuration().toNanos() } : null;
		}

		@Override
		public List<Label> labels(RecordedEvent event) {
			return List.of();
		}

	}

}
