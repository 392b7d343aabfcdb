package dev.jvmpprof.engine;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A running recording of an engine. Closing it stops it if it still runs and deletes its file, so every path out
 * of a request, including a failure, releases the profiler and the disk.
 */
public interface Recording extends AutoCloseable {

	/**
	 * Stops the recording.
	 * @return the JFR file, valid until {@link #close()}
	 * @throws IOException if the recording could not be written
	 */
	Path stop() throws IOException;

	@Override
	void close();

}
