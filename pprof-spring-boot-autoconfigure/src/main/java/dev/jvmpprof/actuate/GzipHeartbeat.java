package dev.jvmpprof.actuate;

import java.io.IOException;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;

/**
 * The bytes a servlet response writes while a profile's window is open, to learn whether its client is still there,
 * without making the answer more than one gzip member: a gzip header, then empty deflate blocks of the kind a sync
 * flush writes, then the profile's own deflate stream and trailer without its header. Empty blocks add no data, so
 * the profile's checksum and size still hold, and every gzip reader takes the answer, those that read one member
 * only (browsers' {@code DecompressionStream}, pako) included.
 */
final class GzipHeartbeat {

	/** A gzip header without optional fields, as {@code GZIPOutputStream} writes it. */
	private static final byte[] HEADER = { 0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff };

	private static final int HEADER_LENGTH = HEADER.length;

	/** A stored block that is not the last, of no bytes: a sync flush of nothing. */
	private static final byte[] EMPTY_BLOCK = { 0, 0, 0, (byte) 0xff, (byte) 0xff };

	/** The last block, stored and empty, then the trailer of no data: CRC-32 and size 0. */
	private static final byte[] EMPTY_END = { 1, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0, 0, 0, 0, 0, 0, 0 };

	private GzipHeartbeat() {
	}

	/**
	 * Returns the first beat: the header and an empty block.
	 * @return the bytes to write
	 */
	static byte[] first() {
		byte[] first = new byte[HEADER_LENGTH + EMPTY_BLOCK.length];
		System.arraycopy(HEADER, 0, first, 0, HEADER_LENGTH);
		System.arraycopy(EMPTY_BLOCK, 0, first, HEADER_LENGTH, EMPTY_BLOCK.length);
		return first;
	}

	/**
	 * Returns every later beat: an empty block.
	 * @return the bytes to write
	 */
	static byte[] next() {
		return EMPTY_BLOCK.clone();
	}

	/**
	 * Returns what ends an answer whose beats were followed by no profile at all: a gzip stream of nothing.
	 * @return the bytes to write
	 */
	static byte[] emptyEnd() {
		return EMPTY_END.clone();
	}

	/**
	 * A stream that writes a gzip'd profile after the beats: it leaves out the profile's header, which the first
	 * beat has written. A body that does not start with a header without optional fields, as ours all do, is
	 * written as it is.
	 */
	static final class Continuation extends ServletOutputStream {

		private final ServletOutputStream target;

		private final byte[] head = new byte[HEADER_LENGTH];

		private int headLength;

		private boolean decided;

		Continuation(ServletOutputStream target) {
			this.target = target;
		}

		/**
		 * Returns whether any of the profile has been written.
		 * @return whether the body began
		 */
		boolean began() {
			return this.headLength > 0;
		}

		@Override
		public void write(int b) throws IOException {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			int from = offset;
			int end = offset + length;
			while (!this.decided && from < end) {
				byte b = bytes[from++];
				this.head[this.headLength++] = b;
				if (this.headLength <= 4 && b != HEADER[this.headLength - 1]) {
					this.decided = true;
					this.target.write(this.head, 0, this.headLength);
				}
				else if (this.headLength == HEADER_LENGTH) {
					// The time and operating system bytes go with the rest of the header.
					this.decided = true;
				}
			}
			if (from < end) {
				this.target.write(bytes, from, end - from);
			}
		}

		@Override
		public void flush() throws IOException {
			this.target.flush();
		}

		@Override
		public void close() throws IOException {
			this.target.close();
		}

		@Override
		public boolean isReady() {
			return this.target.isReady();
		}

		@Override
		public void setWriteListener(WriteListener listener) {
			this.target.setWriteListener(listener);
		}

	}

}
