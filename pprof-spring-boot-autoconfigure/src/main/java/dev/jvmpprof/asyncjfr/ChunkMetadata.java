package dev.jvmpprof.asyncjfr;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The types a chunk declares, read from its metadata event: what lets events be found by type id and their fields
 * by position, whatever ids and field order the writer chose.
 */
final class ChunkMetadata {

	private final Map<String, Element> classesByName = new HashMap<>();

	private final Map<String, String> typeNamesById = new HashMap<>();

	private ChunkMetadata(Element root) {
		for (Element region : root.children) {
			if (region.name.equals("metadata")) {
				for (Element type : region.children) {
					if (type.name.equals("class")) {
						this.classesByName.put(type.attribute("name"), type);
						this.typeNamesById.put(type.attribute("id"), type.attribute("name"));
					}
				}
			}
		}
	}

	/**
	 * Reads the metadata of a chunk.
	 * @param cursor the recording
	 * @param chunk the chunk's header
	 * @return the types it declares
	 * @throws IOException if the metadata cannot be parsed
	 */
	static ChunkMetadata read(ByteCursor cursor, ChunkHeader chunk) throws IOException {
		cursor.position(chunk.start() + chunk.metadataOffset());
		cursor.varint(); // size
		if (cursor.varlong() != 0) {
			throw new IOException("No metadata event where the chunk at offset " + chunk.start() + " says");
		}
		cursor.varlong(); // start time
		cursor.varlong(); // duration
		cursor.varlong(); // metadata id
		String[] strings = new String[cursor.varint()];
		for (int i = 0; i < strings.length; i++) {
			strings[i] = cursor.string();
		}
		return new ChunkMetadata(Element.read(cursor, strings));
	}

	/**
	 * Returns how to read the named fields of an event type.
	 * @param eventName the event type, such as {@code jdk.ExecutionSample}
	 * @param fieldNames the fields wanted, in the order {@link EventLayout#read} gives their values
	 * @return the layout, or {@code null} where the chunk declares no such event
	 * @throws IOException if a field before the last wanted one has an encoding this reader does not skip
	 */
	EventLayout layout(String eventName, String... fieldNames) throws IOException {
		Element type = this.classesByName.get(eventName);
		if (type == null) {
			return null;
		}
		List<Element> fields = new ArrayList<>();
		for (Element child : type.children) {
			if (child.name.equals("field")) {
				fields.add(child);
			}
		}
		int[] slots = new int[fields.size()];
		int last = -1;
		for (int i = 0; i < slots.length; i++) {
			slots[i] = List.of(fieldNames).indexOf(fields.get(i).attribute("name"));
			if (slots[i] >= 0) {
				last = i;
			}
		}
		EventLayout.Encoding[] encodings = new EventLayout.Encoding[last + 1];
		for (int i = 0; i < encodings.length; i++) {
			encodings[i] = encoding(eventName, fields.get(i), slots[i] >= 0);
		}
		return new EventLayout(Long.parseLong(type.attribute("id")), encodings, slots, fieldNames.length);
	}

	private EventLayout.Encoding encoding(String eventName, Element field, boolean wanted) throws IOException {
		String typeName = this.typeNamesById.get(field.attribute("class"));
		boolean array = field.attribute("dimension") != null && !field.attribute("dimension").equals("0");
		EventLayout.Encoding encoding = array ? null : EventLayout.Encoding.of(typeName,
				"true".equals(field.attribute("constantPool")));
		if (encoding == null || (wanted && encoding != EventLayout.Encoding.INTEGER)) {
			throw new IOException("Field " + field.attribute("name") + " of " + eventName + " is a " + typeName
					+ (array ? "[]" : "") + ", which this reader does not " + (wanted ? "read" : "skip"));
		}
		return encoding;
	}

	/** One element of the metadata tree: a class, a field, an annotation... */
	private record Element(String name, Map<String, String> attributes, List<Element> children) {

		static Element read(ByteCursor cursor, String[] strings) {
			String name = strings[cursor.varint()];
			int attributeCount = cursor.varint();
			Map<String, String> attributes = new HashMap<>(attributeCount * 2);
			for (int i = 0; i < attributeCount; i++) {
				attributes.put(strings[cursor.varint()], strings[cursor.varint()]);
			}
			int childCount = cursor.varint();
			List<Element> children = new ArrayList<>(childCount);
			for (int i = 0; i < childCount; i++) {
				children.add(read(cursor, strings));
			}
			return new Element(name, attributes, children);
		}

		String attribute(String key) {
			return this.attributes.get(key);
		}

	}

}
