package dev.jvmpprof.heap;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import dev.jvmpprof.pprof.ProfileHeader;
import dev.jvmpprof.pprof.StackProfile;
import dev.jvmpprof.profile.ProfileException;
import dev.jvmpprof.profile.ProfileException.Reason;
import dev.jvmpprof.profile.ProfileName;
import dev.jvmpprof.profile.ProfileOutput;
import dev.jvmpprof.profile.ProfileRequest;
import dev.jvmpprof.profile.ProfileSource;

/**
 * Serves {@code heap} or {@code allocs} from the always-on {@link HeapSampler}: at once, since sampling runs from
 * startup. The two differ only in the sample type clients show first, as in Go.
 */
public final class HeapProfileSource implements ProfileSource {

	private static final String ALLOC_SPACE = "alloc_space";

	private final ProfileName name;

	private final HeapSampler sampler;

	private final String program;

	/**
	 * Creates a source.
	 * @param name {@link ProfileName#HEAP} or {@link ProfileName#ALLOCS}
	 * @param sampler the running sampler, or {@code null} where heap sampling is switched off
	 * @param program the program's name, shown by clients as {@code File:}
	 */
	public HeapProfileSource(ProfileName name, HeapSampler sampler, String program) {
		if (name != ProfileName.HEAP && name != ProfileName.ALLOCS) {
			throw new IllegalArgumentException("A heap profile source serves heap or allocs, not " + name);
		}
		this.name = name;
		this.sampler = sampler;
		this.program = program;
	}

	@Override
	public ProfileName name() {
		return this.name;
	}

	@Override
	public void take(ProfileRequest request, ProfileOutput output)
			throws ProfileException, IOException, InterruptedException {
		if (this.sampler == null) {
			throw new ProfileException(Reason.UNAVAILABLE,
					"heap sampling is switched off: set pprof.heap.enabled=true to serve the " + this.name.value()
							+ " profile");
		}
		Instant start = Instant.now();
		// Go's heap?gc=1: the live set is then exact as of a full collection, not of the last young one.
		boolean exact = request.gc() && this.name == ProfileName.HEAP;
		Optional<MarkingCensus.Census> census = exact ? Optional.empty() : this.sampler.takeCensus();
		StackProfile profile = snapshot(exact, census);
		long durationNanos = 0;
		if (request.seconds().isPresent()) {
			Duration window = request.seconds().get();
			long windowStart = System.nanoTime();
			Thread.sleep(window.toMillis());
			StackProfile base = profile;
			profile = snapshot(exact, census).minus(base);
			durationNanos = System.nanoTime() - windowStart;
		}
		if (request.debug() > 0) {
			output.text(HeapProfileText.format(profile, this.sampler.interval(), sortIndex()));
			return;
		}
		ProfileHeader header = ProfileHeader.of(HeapProfileBuilder.SAMPLE_TYPES, HeapProfileBuilder.PERIOD_TYPE,
				this.sampler.interval(), start, Duration.ofNanos(durationNanos));
		if (this.name == ProfileName.ALLOCS) {
			header = header.withDefaultSampleType(ALLOC_SPACE);
		}
		profile.writeTo(output.binary(), header, this.program);
	}

	private StackProfile snapshot(boolean exact, Optional<MarkingCensus.Census> census)
			throws IOException, InterruptedException {
		return exact ? this.sampler.snapshotAfterFullGc() : this.sampler.snapshotAsOf(census);
	}

	private int sortIndex() {
		return (this.name == ProfileName.ALLOCS) ? 1 : 3;
	}

}
