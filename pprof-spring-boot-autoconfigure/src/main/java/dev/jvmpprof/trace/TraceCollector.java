package dev.jvmpprof.trace;

import java.io.IOException;
import java.io.InputStream;
import java.text.ParseException;
import java.util.Map;

import jdk.jfr.Configuration;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;

import dev.jvmpprof.profile.ProfileException;
import dev.jvmpprof.profile.ProfileException.Reason;
import dev.jvmpprof.profile.ProfileName;
import dev.jvmpprof.profile.ProfileOutput;
import dev.jvmpprof.profile.ProfileRequest;
import dev.jvmpprof.profile.ProfileSource;

/**
 * Takes the {@code trace} profile: a JDK Flight Recorder recording of {@code seconds} (default 5) with the JDK's
 * {@code profile} settings (CPU samples, allocations, locks, I/O, GC), for JDK Mission Control, IntelliJ IDEA or
 * {@code jfr}; the JVM's counterpart of Go's execution trace. It holds only the {@link TraceEvents allowed} event
 * types: the recording enables no others, and the file is filtered again before it is sent, because other
 * recordings in this JVM write to the same chunks.
 */
public final class TraceCollector implements ProfileSource {

	static final String SETTINGS = "profile";

	@Override
	public ProfileName name() {
		return ProfileName.TRACE;
	}

	@Override
	public void take(ProfileRequest request, ProfileOutput output)
			throws ProfileException, IOException, InterruptedException {
		Map<String, String> settings = TraceEvents.restrict(settings().getSettings(),
				FlightRecorder.getFlightRecorder().getEventTypes());
		// The recording's chunks live in the Flight Recorder's repository; closing the recording deletes them,
		// whether the window ends, the request is interrupted or reading fails.
		try (Recording recording = new Recording(settings)) {
			recording.setName("pprof-trace");
			recording.setToDisk(true);
			recording.start();
			Thread.sleep(request.window().toMillis());
			recording.stop();
			try (InputStream data = recording.getStream(null, null)) {
				if (data == null) {
					throw new IOException("the recording holds no data");
				}
				ChunkFilter.filter(data, output.binary(), TraceEvents::isAllowed);
			}
		}
		catch (IllegalStateException ex) {
			throw new ProfileException(Reason.UNAVAILABLE, "the JDK Flight Recorder could not record: " + ex.getMessage(),
					ex);
		}
	}

	private static Configuration settings() throws ProfileException, IOException {
		if (!FlightRecorder.isAvailable()) {
			throw new ProfileException(Reason.UNAVAILABLE, "the JDK Flight Recorder is not available in this JVM");
		}
		try {
			return Configuration.getConfiguration(SETTINGS);
		}
		catch (ParseException ex) {
			throw new IOException("the JDK's " + SETTINGS + " settings cannot be read", ex);
		}
	}

}
