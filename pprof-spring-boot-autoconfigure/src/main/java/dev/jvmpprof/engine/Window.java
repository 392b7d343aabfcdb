package dev.jvmpprof.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.jvmpprof.jfr.WindowEvents;
import dev.jvmpprof.labels.LabelCapture;
import dev.jvmpprof.pprof.ProfileWriter;

/**
 * One request's window of sampling. Closing it releases its share of the engine and deletes files no other window
 * needs, so every path out of a request, failures included, frees the profiler and the disk.
 */
public interface Window extends AutoCloseable {

	/**
	 * Ends the window.
	 * @return the JFR files whose events between {@link Recorded#start()} and {@link Recorded#end()} belong to it
	 * @throws IOException if the recording could not be completed
	 */
	Recorded finish() throws IOException;

	@Override
	void close();

	/**
	 * The recordings that cover a finished window, with what a collector needs to read them whichever engine wrote
	 * them: the period each sample stands for and the reader for these files. Files may hold events outside the
	 * window (other requests shared the session), so readers keep those that ended within it.
	 *
	 * @param files the JFR files, oldest first, valid until the window is closed
	 * @param start when the window opened
	 * @param end when it finished
	 * @param settings how densely the window was sampled
	 * @param reader reads the samples of these files
	 */
	record Recorded(List<Path> files, Instant start, Instant end, SamplingSettings settings, SampleReader reader) {

		/**
		 * Returns the time one sample of {@code event} stands for in this window.
		 * @param event {@link SampledEvent#CPU} or {@link SampledEvent#WALL}
		 * @return the interval it was sampled at
		 */
		public Duration period(SampledEvent event) {
			return this.settings.period(event);
		}

		/**
		 * Writes the window's samples of {@code event}, with the reader made for its files.
		 * @param event {@link SampledEvent#CPU} or {@link SampledEvent#WALL}
		 * @param labels the lookup of the labels threads carried during the window, or {@code null} for none
		 * @param writer the profile the samples go to
		 * @throws IOException if the recording cannot be read or the profile written
		 * @see SampleReader#read
		 */
		public void read(SampledEvent event, LabelCapture.Lookup labels, ProfileWriter writer) throws IOException {
			this.reader.read(this, event, labels, writer);
		}

		/**
		 * Returns the window's files and time span, as the JFR readers take them.
		 * @return its events
		 */
		public WindowEvents events() {
			return new WindowEvents(this.files, this.start, this.end);
		}

		/**
		 * Returns how long the window was open.
		 * @return its duration
		 */
		public Duration duration() {
			return Duration.between(this.start, this.end);
		}

	}

}
