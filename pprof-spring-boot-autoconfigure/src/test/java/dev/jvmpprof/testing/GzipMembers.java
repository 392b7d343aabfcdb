package dev.jvmpprof.testing;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Counts the members of a gzip stream, as a reader that takes one member only (a browser's
 * {@code DecompressionStream}, pako) would meet them.
 */
public final class GzipMembers {

	private GzipMembers() {
	}

	/**
	 * Returns how many gzip members {@code bytes} holds, each with a header without optional fields.
	 * @param bytes the stream
	 * @return the number of members
	 * @throws AssertionError if the bytes are not such members back to back
	 */
	public static int count(byte[] bytes) {
		int members = 0;
		int at = 0;
		while (at < bytes.length) {
			if (bytes.length < at + 10 || (bytes[at] & 0xff) != 0x1f || (bytes[at + 1] & 0xff) != 0x8b
					|| bytes[at + 3] != 0) {
				throw new AssertionError("no gzip header without optional fields at byte " + at);
			}
			Inflater inflater = new Inflater(true);
			try {
				inflater.setInput(bytes, at + 10, bytes.length - at - 10);
				byte[] out = new byte[64 * 1024];
				while (!inflater.finished()) {
					if (inflater.inflate(out) == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
						throw new AssertionError("a gzip member ends before its last block");
					}
				}
				at = bytes.length - inflater.getRemaining() + 8;
			}
			catch (DataFormatException ex) {
				throw new AssertionError("a gzip member does not inflate: " + ex.getMessage(), ex);
			}
			finally {
				inflater.end();
			}
			members++;
		}
		return members;
	}

}
