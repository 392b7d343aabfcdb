package dev.jvmpprof.asyncjfr;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads JFR's encodings from a recording mapped into memory: LEB128 integers (JFR's "compressed" ints and longs)
 * and its strings. Absolute reads only, so the buffer's own position stays the reader's.
 */
final class ByteCursor {

	private static final int STRING_NULL = 0;

	private static final int STRING_EMPTY = 1;

	private static final int STRING_CONSTANT = 2;

	private static final int STRING_UTF8 = 3;

	private static final int STRING_CHARS = 4;

	private static final int STRING_LATIN1 = 5;

	private final ByteBuffer bytes;

	private int position;

	ByteCursor(ByteBuffer bytes) {
		this.bytes = bytes;
	}

	int position() {
		return this.position;
	}

	void position(int position) {
		this.position = position;
	}

	/**
	 * Reads a compressed integer of up to 64 bits: seven bits a byte, the ninth byte whole.
	 * @return the value
	 */
	long varlong() {
		ByteBuffer bytes = this.bytes;
		int at = this.position;
		long result = 0;
		for (int shift = 0; shift < 56; shift += 7) {
			byte b = bytes.get(at++);
			result |= (b & 0x7FL) << shift;
			if (b >= 0) {
				this.position = at;
				return result;
			}
		}
		result |= (bytes.get(at++) & 0xFFL) << 56;
		this.position = at;
		return result;
	}

	int varint() {
		return (int) varlong();
	}

	void skip(int count) {
		this.position += count;
	}

	/**
	 * Reads a string in any of JFR's encodings. A reference to the string pool is passed over and read as
	 * {@code null}: only event fields hold one, and those are skipped, never used.
	 * @return the string, or {@code null}
	 */
	String string() {
		int encoding = this.bytes.get(this.position++);
		switch (encoding) {
			case STRING_NULL:
				return null;
			case STRING_EMPTY:
				return "";
			case STRING_UTF8, STRING_LATIN1: {
				int length = varint();
				byte[] encoded = new byte[length];
				this.bytes.get(this.position, encoded);
				this.position += length;
				return new String(encoded,
						(encoding == STRING_UTF8) ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
			}
			case STRING_CHARS: {
				char[] chars = new char[varint()];
				for (int i = 0; i < chars.length; i++) {
					chars[i] = (char) varint();
				}
				return new String(chars);
			}
			case STRING_CONSTANT:
				varlong();
				return null;
			default:
				throw new IllegalStateException("Unknown JFR string encoding " + encoding);
		}
	}

}
