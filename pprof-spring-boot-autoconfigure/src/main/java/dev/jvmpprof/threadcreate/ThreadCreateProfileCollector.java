package dev.jvmpprof.threadcreate;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.jvmpprof.pprof.CountProfileText;
import dev.jvmpprof.pprof.ProfileHeader;
import dev.jvmpprof.pprof.StackProfile;
import dev.jvmpprof.pprof.ValueType;
import dev.jvmpprof.profile.ProfileException;
import dev.jvmpprof.profile.ProfileException.Reason;
import dev.jvmpprof.profile.ProfileName;
import dev.jvmpprof.profile.ProfileOutput;
import dev.jvmpprof.profile.ProfileRequest;
import dev.jvmpprof.profile.ProfileSource;

/**
 * Takes the {@code threadcreate} profile: the stacks that started threads since the {@link ThreadStartRecorder}
 * started, or within a window ({@code seconds}); as pprof or as Go's grouped text ({@code debug=1}).
 */
public final class ThreadCreateProfileCollector implements ProfileSource {

	static final ValueType COUNT = new ValueType("threadcreate", "count");

	private final ThreadStartRecorder recorder;

	private final String disabledReason;

	private final String program;

	private ThreadCreateProfileCollector(ThreadStartRecorder recorder, String disabledReason, String program) {
		this.recorder = recorder;
		this.disabledReason = disabledReason;
		this.program = program;
	}

	/**
	 * Creates a collector that reads a running recorder.
	 * @param recorder the recorder, started
	 * @param program the program's name, shown by clients as {@code File:}
	 * @return the collector
	 */
	public static ThreadCreateProfileCollector of(ThreadStartRecorder recorder, String program) {
		return new ThreadCreateProfileCollector(recorder, null, program);
	}

	/**
	 * Creates a collector for when thread starts are not recorded, which answers every request with 503.
	 * @param reason one sentence saying why and how to switch recording on
	 * @return the collector
	 */
	public static ThreadCreateProfileCollector disabled(String reason) {
		return new ThreadCreateProfileCollector(null, reason, "");
	}

	@Override
	public ProfileName name() {
		return ProfileName.THREADCREATE;
	}

	@Override
	public void take(ProfileRequest request, ProfileOutput output)
			throws ProfileException, IOException, InterruptedException {
		if (this.recorder == null) {
			throw new ProfileException(Reason.UNAVAILABLE, this.disabledReason);
		}
		String unavailable = this.recorder.unavailableReason();
		if (unavailable != null) {
			throw new ProfileException(Reason.UNAVAILABLE, unavailable);
		}
		Instant start = Instant.now();
		StackProfile profile = request.seconds().isPresent() ? this.recorder.window(request.seconds().get())
				: this.recorder.sinceStart();
		if (request.debug() > 0) {
			output.text(CountProfileText.format(COUNT.type(), profile));
			return;
		}
		// As Go's: a snapshot has no duration, a window has its length.
		Duration window = request.seconds().orElse(Duration.ZERO);
		ProfileHeader header = ProfileHeader.of(List.of(COUNT), COUNT, 1, start, window);
		profile.writeTo(output.binary(), header, this.program);
	}

}
