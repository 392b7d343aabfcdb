package dev.jvmpprof.goroutine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The least JSON reader that reads the JDK's JSON thread dump: objects become maps, arrays lists, strings strings,
 * numbers doubles, and {@code true}, {@code false} and {@code null} themselves.
 */
final class Json {

	private final String text;

	private int position;

	private Json(String text) {
		this.text = text;
	}

	/**
	 * Parses one JSON value.
	 * @param text the JSON text
	 * @return the value
	 * @throws IllegalArgumentException if the text is not JSON
	 */
	static Object parse(String text) {
		Json json = new Json(text);
		Object value = json.value();
		json.skipWhitespace();
		if (json.position != text.length()) {
			throw json.error("end of text");
		}
		return value;
	}

	private Object value() {
		skipWhitespace();
		if (this.position >= this.text.length()) {
			throw error("a value");
		}
		char c = this.text.charAt(this.position);
		return switch (c) {
			case '{' -> object();
			case '[' -> array();
			case '"' -> string();
			case 't' -> literal("true", Boolean.TRUE);
			case 'f' -> literal("false", Boolean.FALSE);
			case 'n' -> literal("null", null);
			default -> number();
		};
	}

	private Map<String, Object> object() {
		Map<String, Object> object = new LinkedHashMap<>();
		this.position++;
		if (consume('}')) {
			return object;
		}
		do {
			skipWhitespace();
			if (!peek('"')) {
				throw error("a key");
			}
			String key = string();
			expect(':');
			object.put(key, value());
		}
		while (consume(','));
		expect('}');
		return object;
	}

	private List<Object> array() {
		List<Object> array = new ArrayList<>();
		this.position++;
		if (consume(']')) {
			return array;
		}
		do {
			array.add(value());
		}
		while (consume(','));
		expect(']');
		return array;
	}

	private String string() {
		StringBuilder string = new StringBuilder();
		this.position++;
		while (this.position < this.text.length()) {
			char c = this.text.charAt(this.position++);
			if (c == '"') {
				return string.toString();
			}
			if (c != '\\') {
				string.append(c);
				continue;
			}
			if (this.position >= this.text.length()) {
				break;
			}
			char escaped = this.text.charAt(this.position++);
			switch (escaped) {
				case 'b' -> string.append('\b');
				case 'f' -> string.append('\f');
				case 'n' -> string.append('\n');
				case 'r' -> string.append('\r');
				case 't' -> string.append('\t');
				case 'u' -> {
					if (this.position + 4 > this.text.length()) {
						throw error("four hex digits");
					}
					string.append((char) Integer.parseInt(this.text.substring(this.position, this.position + 4), 16));
					this.position += 4;
				}
				default -> string.append(escaped);
			}
		}
		throw error("the end of a string");
	}

	private Object literal(String word, Object value) {
		if (!this.text.startsWith(word, this.position)) {
			throw error(word);
		}
		this.position += word.length();
		return value;
	}

	private Double number() {
		int start = this.position;
		while (this.position < this.text.length() && "+-0123456789.eE".indexOf(this.text.charAt(this.position)) >= 0) {
			this.position++;
		}
		try {
			return Double.valueOf(this.text.substring(start, this.position));
		}
		catch (NumberFormatException ex) {
			throw error("a value");
		}
	}

	private boolean consume(char c) {
		skipWhitespace();
		if (peek(c)) {
			this.position++;
			return true;
		}
		return false;
	}

	private void expect(char c) {
		if (!consume(c)) {
			throw error("'" + c + "'");
		}
	}

	private boolean peek(char c) {
		return this.position < this.text.length() && this.text.charAt(this.position) == c;
	}

	private void skipWhitespace() {
		while (this.position < this.text.length() && Character.isWhitespace(this.text.charAt(this.position))) {
			this.position++;
		}
	}

	private IllegalArgumentException error(String expected) {
		return new IllegalArgumentException("Expected " + expected + " at offset " + this.position);
	}

}
