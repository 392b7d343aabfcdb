package dev.jvmpprof.asyncjfr;

import java.util.Arrays;

/**
 * Where the wanted fields of one event type lie in its events: each field before the last wanted one is read or
 * skipped according to its encoding, and the rest of the event is never looked at.
 */
final class EventLayout {

	private final long typeId;

	private final Encoding[] encodings;

	private final int[] slots;

	private final boolean lacksWantedFields;

	EventLayout(long typeId, Encoding[] encodings, int[] slots, int valueCount) {
		this.typeId = typeId;
		this.encodings = encodings;
		this.slots = slots;
		this.lacksWantedFields = Arrays.stream(slots).filter((slot) -> slot >= 0).count() < valueCount;
	}

	long typeId() {
		return this.typeId;
	}

	/**
	 * Reads the wanted fields of an event whose fields start at the cursor.
	 * @param cursor at the event's first field
	 * @param values where each wanted field goes, in the order they were asked for; 0 for those the event lacks
	 */
	void read(ByteCursor cursor, long[] values) {
		if (this.lacksWantedFields) {
			Arrays.fill(values, 0);
		}
		for (int i = 0; i < this.encodings.length; i++) {
			switch (this.encodings[i]) {
				case INTEGER -> {
					long value = cursor.varlong();
					if (this.slots[i] >= 0) {
						values[this.slots[i]] = value;
					}
				}
				case ONE_BYTE -> cursor.skip(1);
				case FOUR_BYTES -> cursor.skip(4);
				case EIGHT_BYTES -> cursor.skip(8);
				case STRING -> cursor.string();
			}
		}
	}

	/** How JFR writes a field's value. */
	enum Encoding {

		/** Compressed: integers, characters and references to constant pools. */
		INTEGER,

		/** A byte or a boolean. */
		ONE_BYTE,

		/** A float. */
		FOUR_BYTES,

		/** A double. */
		EIGHT_BYTES,

		/** A string in one of JFR's string encodings. */
		STRING;

		/**
		 * Returns the encoding of a field.
		 * @param typeName the field's type
		 * @param constantPool whether its values are references to a constant pool
		 * @return the encoding, or {@code null} for a type written inline field by field, which no
		 * async-profiler event has before the fields we read
		 */
		static Encoding of(String typeName, boolean constantPool) {
			if (constantPool) {
				return INTEGER;
			}
			if (typeName == null) {
				return null;
			}
			return switch (typeName) {
				case "long", "int", "short", "char" -> INTEGER;
				case "byte", "boolean" -> ONE_BYTE;
				case "float" -> FOUR_BYTES;
				case "double" -> EIGHT_BYTES;
				case "java.lang.String" -> STRING;
				default -> null;
			};
		}

	}

}
