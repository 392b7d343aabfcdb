package dev.jvmpprof.profile;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Where a source writes its answer: as bytes or as text. A source may fail after it asked for the stream, so the web
 * layer decides the answer's status once the source returns.
 */
public interface ProfileOutput {

	/**
	 * Starts a binary answer: the profile's gzip'd profile.proto, or its recording.
	 * @return the stream to write the answer to; the source may close it
	 * @throws IOException if the answer cannot be started
	 */
	OutputStream binary() throws IOException;

	/**
	 * Answers text.
	 * @param text the whole answer
	 * @throws IOException if the answer cannot be written
	 */
	void text(String text) throws IOException;

}
