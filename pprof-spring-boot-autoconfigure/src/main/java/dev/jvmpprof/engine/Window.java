package dev.jvmpprof.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

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
	 * The recordings that cover a finished window. Files may hold events outside the window (other requests
	 * shared the session), so readers keep those that ended within it.
	 *
	 * @param files the JFR files, oldest first, valid until the window is closed
	 * @param start when the window opened
	 * @param end when it finished
	 * @param recorder what wrote the files, which decides how they are best read
	 */
	record Recorded(List<Path> files, Instant start, Instant end, Recorder recorder) {

		/**
		 * Creates a window of files that any JFR reader reads: Flight Recorder's.
		 * @param files the JFR files, oldest first
		 * @param start when the window opened
		 * @param end when it finished
		 */
		public Recorded(List<Path> files, Instant start, Instant end) {
			this(files, start, end, Recorder.FLIGHT_RECORDER);
		}

		/**
		 * Returns whether an event that ended at {@code time} belongs to the window.
		 * @param time the event's end time
		 * @return whether it lies within the window
		 */
		public boolean covers(Instant time) {
			return !time.isBefore(this.start) && !time.isAfter(this.end);
		}

		/**
		 * Returns how long the window was open.
		 * @return its duration
		 */
		public Duration duration() {
			return Duration.between(this.start, this.end);
		}

	}

	/** What wrote a window's files. */
	enum Recorder {

		/** The JDK's Flight Recorder: files with any JFR event, read with {@code jdk.jfr.consumer}. */
		FLIGHT_RECORDER,

		/**
		 * async-profiler: files of the few events it writes, which its own reader reads several times faster than
		 * {@code jdk.jfr.consumer} does. The JDK's reader reads them too.
		 */
		ASYNC_PROFILER

	}

}
