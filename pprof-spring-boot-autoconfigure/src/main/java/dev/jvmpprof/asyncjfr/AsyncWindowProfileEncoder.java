package dev.jvmpprof.asyncjfr;

import java.io.IOException;
import java.nio.file.Path;

import dev.jvmpprof.jfr.WindowEvents;
import dev.jvmpprof.labels.LabelCapture;
import dev.jvmpprof.pprof.EpochNanos;
import dev.jvmpprof.pprof.ProfileWriter;

/**
 * Writes the samples of an async-profiler window: the samples {@code WindowProfileEncoder} makes from the same
 * files with the JDK's reader (samples of the window's time across all its files, thread and state labels, the
 * labels each thread carried), several times faster.
 */
public final class AsyncWindowProfileEncoder {

	private AsyncWindowProfileEncoder() {
	}

	/**
	 * Reads the window and writes its samples, each valued {@code [count, count * period]}.
	 * @param window the window's files, which async-profiler wrote, and its time span
	 * @param kind which samples to read
	 * @param period the time one sample stands for, in nanoseconds
	 * @param labels the lookup of the labels threads carried during the window, or {@code null} for none
	 * @param writer the profile the samples go to
	 * @throws IOException if the recording cannot be read or the profile written
	 */
	public static void write(WindowEvents window, SampleKind kind, long period, LabelCapture.Lookup labels,
			ProfileWriter writer) throws IOException {
		WindowSamples samples = new WindowSamples(kind, EpochNanos.of(window.start()), EpochNanos.of(window.end()),
				period, labels, writer);
		for (Path file : window.files()) {
			SampleEvents.read(file, kind.eventName(), kind.fieldNames(), samples);
		}
		samples.writeTo();
	}

}
