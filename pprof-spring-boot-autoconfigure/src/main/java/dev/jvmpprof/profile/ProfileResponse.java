package dev.jvmpprof.profile;

import java.nio.charset.StandardCharsets;

/**
 * What a profile request answers: the bytes and what they are.
 *
 * @param body the bytes to send
 * @param format how the bytes are to be labelled
 * @param attachmentName the file name for binary answers, Go's names
 */
public record ProfileResponse(byte[] body, Format format, String attachmentName) {

	/**
	 * Creates a text answer.
	 * @param text the text
	 * @return the response
	 */
	public static ProfileResponse text(String text) {
		return new ProfileResponse(text.getBytes(StandardCharsets.UTF_8), Format.TEXT, null);
	}

	/** The kinds of answer. */
	public enum Format {

		/** A gzip'd profile.proto, or another binary such as a JFR recording. */
		BINARY,

		/** UTF-8 text. */
		TEXT

	}

}
