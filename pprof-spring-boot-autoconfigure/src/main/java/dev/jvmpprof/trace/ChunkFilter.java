package dev.jvmpprof.trace;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import dev.jvmpprof.trace.ChunkTypes.Field;
import dev.jvmpprof.trace.ChunkTypes.Type;

/**
 * Copies one Flight Recorder chunk with only the events of the types kept, and only the constants those events
 * reach (their threads, stack traces, methods, classes, strings...).
 *
 * <p>Why rewrite the chunk rather than trust the recording's own settings: every recording in a JVM writes to the
 * same chunks, so a recording of the application's own ({@code -XX:StartFlightRecording}, or one that JDK Mission
 * Control started) puts its events, such as the JVM's command line, into ours; and a chunk's constant pools hold
 * the strings of all its events, dropped ones included.
 */
final class ChunkFilter {

	static final int HEADER_SIZE = 68;

	private static final int MAGIC = 0x464C5200;

	private static final long METADATA = 0;

	private static final long CHECKPOINT = 1;

	/** The checkpoint type the JVM gives its ordinary checkpoints. */
	private static final int FLUSH_CHECKPOINT = 1;

	private final byte[] chunk;

	private final ChunkCursor cursor;

	private final ChunkTypes types;

	/** Where each constant's bytes are: type id to key to {key's offset, value's offset, end}. */
	private final Map<Long, Map<Long, int[]>> constants = new LinkedHashMap<>();

	private final Map<Long, Set<Long>> reached = new HashMap<>();

	private final Deque<long[]> toVisit = new ArrayDeque<>();

	private ChunkFilter(byte[] chunk) throws IOException {
		this.chunk = chunk;
		ByteBuffer header = ByteBuffer.wrap(chunk);
		if (chunk.length < HEADER_SIZE || header.getInt(0) != MAGIC) {
			throw new IOException("Not a Flight Recorder chunk");
		}
		if (header.getShort(4) != 2) {
			throw new IOException("Flight Recorder chunks of version " + header.getShort(4) + " are not supported");
		}
		this.cursor = new ChunkCursor(chunk, (chunk[HEADER_SIZE - 1] & 1) != 0);
		this.cursor.position(position(header.getLong(24)));
		this.types = ChunkTypes.read(this.cursor);
	}

	/**
	 * Copies a recording, chunk by chunk, with only the events whose type {@code keep} accepts.
	 * @param recording the recording's chunks, one after the other
	 * @param out where the filtered chunks go
	 * @param keep which event types to keep, by name
	 * @throws IOException if the recording cannot be read or written
	 */
	static void filter(InputStream recording, OutputStream out, Predicate<String> keep) throws IOException {
		byte[] header;
		while ((header = recording.readNBytes(HEADER_SIZE)).length > 0) {
			long size = (header.length == HEADER_SIZE) ? ByteBuffer.wrap(header).getLong(8) : 0;
			if (size < HEADER_SIZE || size > Integer.MAX_VALUE - 8) {
				throw new IOException("The recording holds an incomplete chunk");
			}
			byte[] chunk = Arrays.copyOf(header, (int) size);
			if (recording.readNBytes(chunk, HEADER_SIZE, chunk.length - HEADER_SIZE) != chunk.length - HEADER_SIZE) {
				throw new IOException("The recording ends inside a chunk");
			}
			out.write(filter(chunk, keep));
		}
	}

	/**
	 * Copies a chunk with only the events whose type {@code keep} accepts.
	 * @param chunk the whole chunk
	 * @param keep which event types to keep, by name
	 * @return the filtered chunk
	 * @throws IOException if the chunk cannot be read
	 */
	static byte[] filter(byte[] chunk, Predicate<String> keep) throws IOException {
		return new ChunkFilter(chunk).filter(keep);
	}

	private byte[] filter(Predicate<String> keep) throws IOException {
		List<int[]> kept = new ArrayList<>();
		int position = HEADER_SIZE;
		while (position < this.chunk.length) {
			this.cursor.position(position);
			int size = this.cursor.readInt();
			if (size <= 0 || position + size > this.chunk.length) {
				throw new IOException("An event at offset " + position + " runs past the chunk");
			}
			long type = this.cursor.readLong();
			if (type == CHECKPOINT) {
				readCheckpoint();
			}
			else if (type != METADATA && isKept(type, keep)) {
				kept.add(new int[] { position, size, this.cursor.position() });
				visitFields(this.types.get(type));
			}
			position += size;
		}
		while (!this.toVisit.isEmpty()) {
			long[] constant = this.toVisit.pop();
			int[] where = this.constants.getOrDefault(constant[0], Map.of()).get(constant[1]);
			if (where != null) {
				this.cursor.position(where[1]);
				visitValue(constant[0]);
			}
		}
		return write(kept);
	}

	private boolean isKept(long type, Predicate<String> keep) {
		String name = this.types.nameOf(type);
		return name != null && keep.test(name);
	}

	private void readCheckpoint() throws IOException {
		this.cursor.readLong(); // start
		this.cursor.readLong(); // duration
		this.cursor.readLong(); // delta to the previous checkpoint
		this.cursor.readByte(); // checkpoint type
		int pools = this.cursor.readInt();
		for (int i = 0; i < pools; i++) {
			long typeId = this.cursor.readLong();
			int count = this.cursor.readInt();
			Map<Long, int[]> pool = this.constants.computeIfAbsent(typeId, (id) -> new LinkedHashMap<>());
			for (int j = 0; j < count; j++) {
				int start = this.cursor.position();
				long key = this.cursor.readLong();
				int value = this.cursor.position();
				skipValue(typeId);
				pool.putIfAbsent(key, new int[] { start, value, this.cursor.position() });
			}
		}
	}

	private void skipValue(long typeId) throws IOException {
		// Skipping and visiting read the same bytes; while the pools are read, nothing is reached yet.
		visitValue(typeId, false);
	}

	private void visitValue(long typeId) throws IOException {
		visitValue(typeId, true);
	}

	private void visitValue(long typeId, boolean reach) throws IOException {
		Type type = this.types.get(typeId);
		switch (type.name()) {
			case "boolean", "byte" -> this.cursor.skip(1);
			case "char", "short" -> this.cursor.skipShort();
			case "int" -> this.cursor.readInt();
			case "long" -> this.cursor.readLong();
			case "float" -> this.cursor.skip(4);
			case "double" -> this.cursor.skip(8);
			case "java.lang.String" -> visitString(reach);
			default -> {
				for (Field field : type.fields()) {
					visitField(field, reach);
				}
			}
		}
	}

	private void visitFields(Type event) throws IOException {
		for (Field field : event.fields()) {
			visitField(field, true);
		}
	}

	private void visitField(Field field, boolean reach) throws IOException {
		int count = field.array() ? this.cursor.readInt() : 1;
		for (int i = 0; i < count; i++) {
			if (field.constantPool()) {
				long key = this.cursor.readLong();
				if (reach) {
					reach(field.typeId(), key);
				}
			}
			else {
				visitValue(field.typeId(), reach);
			}
		}
	}

	private void visitString(boolean reach) throws IOException {
		int at = this.cursor.position();
		if (this.cursor.readByte() == ChunkCursor.STRING_CONSTANT) {
			long key = this.cursor.readLong();
			if (reach) {
				reach(this.types.stringTypeId(), key);
			}
			return;
		}
		this.cursor.position(at);
		this.cursor.readString();
	}

	private void reach(long typeId, long key) {
		if (this.reached.computeIfAbsent(typeId, (id) -> new HashSet<>()).add(key)) {
			this.toVisit.push(new long[] { typeId, key });
		}
	}

	private byte[] write(List<int[]> kept) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream(this.chunk.length);
		out.write(this.chunk, 0, HEADER_SIZE);
		for (int[] event : kept) {
			out.write(this.chunk, event[0], event[1]);
		}
		int checkpointOffset = out.size();
		writeCheckpoint(out);
		int metadataOffset = out.size();
		ByteBuffer header = ByteBuffer.wrap(this.chunk);
		int metadataStart = position(header.getLong(24));
		this.cursor.position(metadataStart);
		out.write(this.chunk, metadataStart, this.cursor.readInt());
		byte[] filtered = out.toByteArray();
		ByteBuffer patched = ByteBuffer.wrap(filtered);
		patched.putLong(8, filtered.length);
		patched.putLong(16, checkpointOffset);
		patched.putLong(24, metadataOffset);
		return filtered;
	}

	/** Writes one checkpoint with every reached constant: the first and the last, so its delta is 0. */
	private void writeCheckpoint(ByteArrayOutputStream out) throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		this.cursor.write(body, CHECKPOINT, 8);
		this.cursor.write(body, ByteBuffer.wrap(this.chunk).getLong(48), 8); // start: the chunk's start ticks
		this.cursor.write(body, 0, 8); // duration
		this.cursor.write(body, 0, 8); // delta to the previous checkpoint: none
		body.write(FLUSH_CHECKPOINT);
		List<Long> pools = new ArrayList<>();
		for (Long typeId : this.constants.keySet()) {
			if (!this.reached.getOrDefault(typeId, Set.of()).isEmpty()) {
				pools.add(typeId);
			}
		}
		this.cursor.write(body, pools.size(), 4);
		for (Long typeId : pools) {
			Set<Long> keys = this.reached.get(typeId);
			List<int[]> entries = new ArrayList<>();
			this.constants.get(typeId).forEach((key, where) -> {
				if (keys.contains(key)) {
					entries.add(where);
				}
			});
			this.cursor.write(body, typeId, 8);
			this.cursor.write(body, entries.size(), 4);
			for (int[] where : entries) {
				body.write(this.chunk, where[0], where[2] - where[0]);
			}
		}
		this.cursor.writeSize(out, body.size() + 4);
		body.writeTo(out);
	}

	private int position(long offset) throws IOException {
		if (offset < HEADER_SIZE || offset >= this.chunk.length) {
			throw new IOException("The chunk's header points outside it, to offset " + offset);
		}
		return (int) offset;
	}

}
