package dev.jvmpprof.asyncjfr;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import one.jfr.JfrReader;

/**
 * Reads the events of one kind from an async-profiler recording, chunk by chunk: async-profiler's reader parses
 * each chunk's constant pools (threads, stacks, methods, classes, symbols), and the events themselves are decoded
 * here, straight from the bytes and only the fields asked for, with no object per event.
 */
final class SampleEvents {

	private SampleEvents() {
	}

	/**
	 * Hands each event of type {@code eventName} in {@code file} to {@code visitor}.
	 * @param file the recording
	 * @param eventName the event type
	 * @param fieldNames the fields to read; the first must be the event's time
	 * @param visitor what to do with each chunk and event
	 * @throws IOException if the file cannot be read or is not a complete recording
	 */
	static void read(Path file, String eventName, String[] fieldNames, Visitor visitor) throws IOException {
		// Mapped, not read: the events are walked in place and the reader takes the same buffer, so a long window's
		// recording of many threads costs page cache, never the application's heap.
		ByteBuffer buffer;
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			if (channel.size() > Integer.MAX_VALUE) {
				throw new IOException("The recording " + file + " is larger than 2 GB");
			}
			buffer = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
		}
		ByteCursor cursor = new ByteCursor(buffer);
		long[] values = new long[fieldNames.length];
		int length = buffer.limit();
		try (JfrReader pools = new JfrReader(buffer)) {
			for (int start = 0; start < length;) {
				ChunkHeader chunk = ChunkHeader.read(buffer, start);
				if (start > 0 && !nextChunk(pools, buffer, start)) {
					break;
				}
				EventLayout layout = ChunkMetadata.read(cursor, chunk).layout(eventName, fieldNames);
				if (layout != null) {
					visitor.chunkStarted(new LibraryConstants(pools));
					readEvents(cursor, chunk, layout, values, visitor);
					visitor.chunkEnded();
				}
				start = chunk.end();
			}
		}
	}

	/** Has the reader parse the constant pools of the chunk at {@code start}, which it does only between chunks. */
	private static boolean nextChunk(JfrReader pools, ByteBuffer buffer, int start) throws IOException {
		buffer.position(start);
		pools.stopAtNewChunk = true;
		pools.readEvent();
		return pools.hasMoreChunks();
	}

	private static void readEvents(ByteCursor cursor, ChunkHeader chunk, EventLayout layout, long[] values,
			Visitor visitor) throws IOException {
		long typeId = layout.typeId();
		int end = chunk.end();
		for (int event = chunk.firstEvent(); event < end;) {
			cursor.position(event);
			int size = cursor.varint();
			if (size <= 0) {
				throw new IOException("Corrupt JFR recording: an event of size " + size + " at offset " + event);
			}
			if (cursor.varlong() == typeId) {
				layout.read(cursor, values);
				visitor.event(chunk.epochNanos(values[0]), values);
			}
			event += size;
		}
	}

	/** Takes the events of a recording, chunk by chunk. */
	interface Visitor {

		/**
		 * A chunk begins: ids in the events that follow refer to its constants.
		 * @param constants the chunk's constants
		 * @throws IOException if the visitor fails
		 */
		void chunkStarted(ChunkConstants constants) throws IOException;

		/**
		 * One event.
		 * @param epochNanos when it happened, in nanoseconds since the epoch
		 * @param fields the fields asked for, in the order asked; valid until the next call
		 * @throws IOException if the visitor fails
		 */
		void event(long epochNanos, long[] fields) throws IOException;

		/**
		 * The chunk's events are done, and its ids about to lose their meaning.
		 * @throws IOException if the visitor fails
		 */
		void chunkEnded() throws IOException;

	}

}
