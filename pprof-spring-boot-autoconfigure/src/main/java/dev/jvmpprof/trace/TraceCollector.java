package dev.jvmpprof.trace;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.text.ParseException;
import java.time.Duration;
import java.util.Map;

import jdk.jfr.Configuration;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;

import dev.jvmpprof.profile.ProfileException;
import dev.jvmpprof.profile.ProfileException.Reason;
import dev.jvmpprof.profile.ProfileName;
import dev.jvmpprof.profile.ProfileRequest;
import dev.jvmpprof.profile.ProfileResponse;
import dev.jvmpprof.profile.ProfileSource;

/**
 * Takes the {@code trace} profile: a JDK Flight Recorder recording of {@code seconds} (default 5) with the JDK's
 * {@code profile} settings (CPU samples, allocations, locks, I/O, GC), for JDK Mission Control, IntelliJ IDEA or
 * {@code jfr}; the JVM's counterpart of Go's execution trace. It holds only the {@link TraceEvents allowed} event
 * types: the recording enables no others, and the file is filtered again before it is sent, because other
 * recordings in this JVM write to the same chunks.
 */
public final class TraceCollector implements ProfileSource {

	/** The window when the request names none. */
	public static final Duration DEFAULT_DURATION = Duration.ofSeconds(5);

	static final String SETTINGS = "profile";

	@Override
	public ProfileName name() {
		return ProfileName.TRACE;
	}

	@Override
	public ProfileResponse take(ProfileRequest request) throws ProfileException, IOException, InterruptedException {
		Map<String, String> settings = TraceEvents.restrict(settings().getSettings(),
				FlightRecorder.getFlightRecorder().getEventTypes());
		// The recording's chunks live in the Flight Recorder's repository; closing the recording deletes them,
		// whether the window ends, the request is interrupted or reading fails.
		try (Recording recording = new Recording(settings)) {
			recording.setName("pprof-trace");
			recording.setToDisk(true);
			recording.start();
			Thread.sleep(request.secondsOr(DEFAULT_DURATION).toMillis());
			recording.stop();
			try (InputStream data = recording.getStream(null, null)) {
				if (data == null) {
					throw new IOException("the recording holds no data");
				}
				ByteArrayOutputStream filtered = new ByteArrayOutputStream();
				ChunkFilter.filter(data, filtered, TraceEvents::isAllowed);
				return new ProfileResponse(filtered.toByteArray(), ProfileResponse.Format.BINARY,
						request.name().attachmentName(request.seconds().isPresent()));
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
