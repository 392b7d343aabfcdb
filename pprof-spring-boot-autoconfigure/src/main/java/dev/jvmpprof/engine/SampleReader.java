package dev.jvmpprof.engine;

import java.io.IOException;

import dev.jvmpprof.labels.LabelCapture;
import dev.jvmpprof.pprof.ProfileWriter;

/**
 * Reads the samples of a window's files. Each engine's windows carry the reader made for its files, so a collector
 * reads a window the same way whichever engine recorded it.
 */
@FunctionalInterface
public interface SampleReader {

	/** Reads any JFR file with the JDK's {@code jdk.jfr.consumer}: Flight Recorder's, and any other engine's. */
	SampleReader FLIGHT_RECORDER = new FlightRecorderReader();

	/**
	 * Reads async-profiler's files with its own reader, several times faster than the JDK's reads them; both make
	 * the same samples.
	 */
	SampleReader ASYNC_PROFILER = new AsyncProfilerReader();

	/**
	 * Writes the samples of {@code event} that lie within the window, one per stack and labels, each valued
	 * {@code [count, count * the window's period]}.
	 * @param recorded the finished window
	 * @param event {@link SampledEvent#CPU} or {@link SampledEvent#WALL}
	 * @param labels the lookup of the labels threads carried during the window, or {@code null} for none
	 * @param writer the profile the samples go to
	 * @throws IOException if the recording cannot be read or the profile written
	 */
	void read(Window.Recorded recorded, SampledEvent event, LabelCapture.Lookup labels, ProfileWriter writer)
			throws IOException;

}
