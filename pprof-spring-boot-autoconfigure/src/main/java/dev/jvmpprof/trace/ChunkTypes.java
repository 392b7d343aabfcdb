package dev.jvmpprof.trace;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The types one chunk declares in its metadata event: each type's name and the fields its values are written with,
 * which is all it takes to walk any event or constant of the chunk without knowing it in advance.
 */
final class ChunkTypes {

	private final Map<Long, Type> types;

	private final long stringTypeId;

	private ChunkTypes(Map<Long, Type> types) throws IOException {
		this.types = types;
		this.stringTypeId = types.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().name().equals("java.lang.String"))
			.mapToLong(Map.Entry::getKey)
			.findFirst()
			.orElseThrow(() -> new IOException("The chunk's metadata declares no java.lang.String"));
	}

	/**
	 * Reads the metadata event at the cursor's position.
	 * @param cursor the chunk, at the metadata event
	 * @return the types it declares
	 * @throws IOException if there is no metadata event there or it cannot be read
	 */
	static ChunkTypes read(ChunkCursor cursor) throws IOException {
		cursor.readInt(); // size
		if (cursor.readLong() != 0) {
			throw new IOException("No metadata event where the chunk's header says");
		}
		cursor.readLong(); // start
		cursor.readLong(); // duration
		cursor.readLong(); // metadata id
		String[] strings = new String[cursor.readInt()];
		for (int i = 0; i < strings.length; i++) {
			strings[i] = cursor.readString();
		}
		Element root = Element.read(cursor, strings);
		Map<Long, Type> types = new HashMap<>();
		for (Element region : root.children()) {
			if (region.name().equals("metadata")) {
				for (Element type : region.children()) {
					if (type.name().equals("class")) {
						types.put(Long.parseLong(type.attribute("id")), Type.of(type));
					}
				}
			}
		}
		return new ChunkTypes(types);
	}

	Type get(long id) throws IOException {
		Type type = this.types.get(id);
		if (type == null) {
			throw new IOException("The chunk uses type " + id + ", which its metadata does not declare");
		}
		return type;
	}

	/** Returns the name of an event type, or {@code null} where the chunk declares none with this id. */
	String nameOf(long id) {
		Type type = this.types.get(id);
		return (type != null) ? type.name() : null;
	}

	long stringTypeId() {
		return this.stringTypeId;
	}

	/**
	 * A type: its name and its fields, in the order their values are written.
	 *
	 * @param name the type's name, such as {@code jdk.ExecutionSample} or {@code long}
	 * @param fields its fields
	 */
	record Type(String name, List<Field> fields) {

		static Type of(Element element) {
			List<Field> fields = new ArrayList<>();
			for (Element child : element.children()) {
				if (child.name().equals("field")) {
					String dimension = child.attribute("dimension");
					fields.add(new Field(Long.parseLong(child.attribute("class")),
							dimension != null && !dimension.equals("0"), "true".equals(child.attribute("constantPool"))));
				}
			}
			return new Type(element.attribute("name"), List.copyOf(fields));
		}

	}

	/**
	 * A field of a type.
	 *
	 * @param typeId the id of the field's type
	 * @param array whether the field holds an array of values
	 * @param constantPool whether each value is a key into the constant pool of its type
	 */
	record Field(long typeId, boolean array, boolean constantPool) {
	}

	/** One element of the metadata tree: a class, a field, an annotation... */
	private record Element(String name, Map<String, String> attributes, List<Element> children) {

		static Element read(ChunkCursor cursor, String[] strings) throws IOException {
			String name = string(strings, cursor.readInt());
			int attributeCount = cursor.readInt();
			Map<String, String> attributes = new HashMap<>();
			for (int i = 0; i < attributeCount; i++) {
				attributes.put(string(strings, cursor.readInt()), string(strings, cursor.readInt()));
			}
			int childCount = cursor.readInt();
			List<Element> children = new ArrayList<>();
			for (int i = 0; i < childCount; i++) {
				children.add(read(cursor, strings));
			}
			return new Element(name, attributes, children);
		}

		private static String string(String[] strings, int index) throws IOException {
			if (index < 0 || index >= strings.length) {
				throw new IOException("The chunk's metadata names string " + index + " of " + strings.length);
			}
			return strings[index];
		}

		String attribute(String key) {
			return this.attributes.get(key);
		}

	}

}
