package dev.jvmpprof.asyncjfr;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;

import dev.jvmpprof.engine.Window;
import dev.jvmpprof.labels.LabelCapture;
import dev.jvmpprof.pprof.ProfileHeader;
import dev.jvmpprof.pprof.ProfileWriter;

/**
 * Encodes the samples of an async-profiler window as a pprof profile: the same profile
 * {@code WindowProfileEncoder} makes from the same files with the JDK's reader (samples of the window's time across
 * all its files, thread and state labels, the labels each thread carried), several times faster.
 */
public final class AsyncWindowProfileEncoder {

	private AsyncWindowProfileEncoder() {
	}

	/**
	 * Reads the window and writes the profile.
	 * @param recorded the finished window, of files async-profiler wrote
	 * @param kind which samples make the profile
	 * @param header the profile-wide fields; its period values each sample, and it has two sample types: the count
	 * and the count times the period
	 * @param program the program's name, shown as {@code File:}
	 * @param labels the lookup of the labels threads carried during the window, or {@code null} for none
	 * @param out where the gzip'd profile goes; closed when done
	 * @throws IOException if the recording cannot be read or the profile written
	 */
	public static void encode(Window.Recorded recorded, SampleKind kind, ProfileHeader header, String program,
			LabelCapture.Lookup labels, OutputStream out) throws IOException {
		try (ProfileWriter writer = new ProfileWriter(out, header, program)) {
			WindowSamples samples = new WindowSamples(kind, epochNanos(recorded.start()), epochNanos(recorded.end()),
					header.period(), labels, writer);
			for (Path file : recorded.files()) {
				SampleEvents.read(file, kind.eventName(), kind.fieldNames(), samples);
			}
			samples.writeTo();
		}
	}

	private static long epochNanos(Instant time) {
		return time.getEpochSecond() * 1_000_000_000L + time.getNano();
	}

}
