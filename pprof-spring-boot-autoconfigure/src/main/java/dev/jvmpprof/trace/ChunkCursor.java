package dev.jvmpprof.trace;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads and writes the integers and strings of one Flight Recorder chunk held in memory, in the chunk's own
 * encoding: LEB128 ("compressed") integers, as the JDK writes them, or fixed-width big-endian ones.
 */
final class ChunkCursor {

	static final int STRING_NULL = 0;

	static final int STRING_EMPTY = 1;

	static final int STRING_CONSTANT = 2;

	static final int STRING_UTF8 = 3;

	static final int STRING_CHARS = 4;

	static final int STRING_LATIN1 = 5;

	private final byte[] bytes;

	private final boolean compressed;

	private int position;

	ChunkCursor(byte[] bytes, boolean compressed) {
		this.bytes = bytes;
		this.compressed = compressed;
	}

	int position() {
		return this.position;
	}

	void position(int position) {
		this.position = position;
	}

	byte readByte() throws IOException {
		check(1);
		return this.bytes[this.position++];
	}

	void skip(int count) throws IOException {
		check(count);
		this.position += count;
	}

	int readInt() throws IOException {
		return this.compressed ? (int) readCompressed() : (int) readFixed(4);
	}

	long readLong() throws IOException {
		return this.compressed ? readCompressed() : readFixed(8);
	}

	/** Reads a {@code char} or {@code short}: compressed, or two bytes. */
	void skipShort() throws IOException {
		if (this.compressed) {
			readCompressed();
		}
		else {
			skip(2);
		}
	}

	/**
	 * Reads a string in any of JFR's encodings; a reference to the string pool reads as {@code null}.
	 * @return the string
	 * @throws IOException if the encoding is unknown or the string runs past the chunk
	 */
	String readString() throws IOException {
		int encoding = readByte();
		switch (encoding) {
			case STRING_NULL, STRING_CONSTANT -> {
				if (encoding == STRING_CONSTANT) {
					readLong();
				}
				return null;
			}
			case STRING_EMPTY -> {
				return "";
			}
			case STRING_UTF8, STRING_LATIN1 -> {
				int length = readInt();
				check(length);
				String string = new String(this.bytes, this.position, length,
						(encoding == STRING_UTF8) ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
				this.position += length;
				return string;
			}
			case STRING_CHARS -> {
				char[] chars = new char[readInt()];
				for (int i = 0; i < chars.length; i++) {
					chars[i] = (char) (this.compressed ? readCompressed() : readFixed(2));
				}
				return new String(chars);
			}
			default -> throw new IOException("Unknown string encoding " + encoding + " at offset " + (this.position - 1));
		}
	}

	/**
	 * Writes an integer in the chunk's encoding.
	 * @param out where to
	 * @param value the value
	 * @param fixedBytes its width when the chunk's integers are not compressed: 4 or 8
	 */
	void write(ByteArrayOutputStream out, long value, int fixedBytes) {
		if (!this.compressed) {
			for (int shift = (fixedBytes - 1) * 8; shift >= 0; shift -= 8) {
				out.write((int) (value >>> shift));
			}
			return;
		}
		for (int i = 0; i < 8; i++) {
			if ((value & ~0x7FL) == 0) {
				out.write((int) value);
				return;
			}
			out.write((int) (value & 0x7F) | 0x80);
			value >>>= 7;
		}
		out.write((int) value);
	}

	/**
	 * Writes an event's size, which counts its own bytes too, in four bytes whatever the encoding, as the JVM does.
	 * @param out where to
	 * @param size the event's size
	 * @throws IOException if the size does not fit in four bytes
	 */
	void writeSize(ByteArrayOutputStream out, int size) throws IOException {
		if (!this.compressed) {
			write(out, size, 4);
			return;
		}
		if (size >= 1 << 28) {
			throw new IOException("An event of " + size + " bytes is too large to write");
		}
		out.write((size & 0x7F) | 0x80);
		out.write(((size >>> 7) & 0x7F) | 0x80);
		out.write(((size >>> 14) & 0x7F) | 0x80);
		out.write(size >>> 21);
	}

	private long readCompressed() throws IOException {
		long result = 0;
		for (int shift = 0; shift < 56; shift += 7) {
			byte b = readByte();
			result |= (b & 0x7FL) << shift;
			if (b >= 0) {
				return result;
			}
		}
		return result | ((readByte() & 0xFFL) << 56);
	}

	private long readFixed(int width) throws IOException {
		check(width);
		long result = 0;
		for (int i = 0; i < width; i++) {
			result = (result << 8) | (this.bytes[this.position++] & 0xFF);
		}
		return result;
	}

	private void check(int count) throws IOException {
		if (count < 0 || this.position + count > this.bytes.length) {
			throw new IOException("The chunk ends before offset " + (this.position + count));
		}
	}

}
