package dev.jvmpprof.asyncjfr;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The fixed header of one JFR chunk: where its parts are and how its tick counts map to wall-clock time.
 *
 * @param start the chunk's offset in the file
 * @param size its length in bytes, header included
 * @param metadataOffset where its metadata event starts, from {@code start}
 * @param startNanos the wall-clock time of its start, in nanoseconds since the epoch
 * @param startTicks the tick count at its start
 * @param ticksPerSecond how fast ticks count
 */
record ChunkHeader(int start, int size, int metadataOffset, long startNanos, long startTicks, long ticksPerSecond) {

	static final int SIZE = 68;

	private static final int MAGIC = 0x464C5200;

	private static final long NANOS_PER_SECOND = 1_000_000_000L;

	/**
	 * Reads the header of the chunk that starts at {@code start}.
	 * @param file the whole recording
	 * @param start the chunk's offset
	 * @return the header
	 * @throws IOException if no complete chunk starts there
	 */
	static ChunkHeader read(ByteBuffer file, int start) throws IOException {
		if (start + SIZE > file.limit() || file.getInt(start) != MAGIC) {
			throw new IOException("No JFR chunk starts at offset " + start);
		}
		long size = file.getLong(start + 8);
		long metadataOffset = file.getLong(start + 24);
		if (size < SIZE || start + size > file.limit() || metadataOffset <= 0 || metadataOffset >= size) {
			throw new IOException("The JFR chunk at offset " + start + " is incomplete");
		}
		return new ChunkHeader(start, (int) size, (int) metadataOffset, file.getLong(start + 32),
				file.getLong(start + 48), file.getLong(start + 56));
	}

	/** Where the chunk's events begin. */
	int firstEvent() {
		return this.start + SIZE;
	}

	/** Where the next chunk, if any, begins. */
	int end() {
		return this.start + this.size;
	}

	/**
	 * Converts a tick count of this chunk to wall-clock time.
	 * @param ticks the ticks, as events record their time
	 * @return nanoseconds since the epoch
	 */
	long epochNanos(long ticks) {
		long elapsed = ticks - this.startTicks;
		if (this.ticksPerSecond == NANOS_PER_SECOND) {
			// async-profiler's default clock counts nanoseconds: exact, and what the JDK's reader computes too.
			return this.startNanos + elapsed;
		}
		return this.startNanos + (long) (elapsed * ((double) NANOS_PER_SECOND / this.ticksPerSecond));
	}

}
