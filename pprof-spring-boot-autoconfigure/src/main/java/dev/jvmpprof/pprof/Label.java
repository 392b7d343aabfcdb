package dev.jvmpprof.pprof;

/**
 * A sample label: either a string ({@code thread=main}) or a number with an optional unit ({@code bytes=64}).
 *
 * @param key the label key
 * @param str the string value, or {@code null} for a numeric label
 * @param num the numeric value, used when {@code str} is {@code null}
 * @param unit the unit of the numeric value, or empty
 */
public record Label(String key, String str, long num, String unit) {

	public static Label of(String key, String value) {
		return new Label(key, value, 0, "");
	}

	public static Label of(String key, long value, String unit) {
		return new Label(key, null, value, unit);
	}

	boolean isString() {
		return this.str != null;
	}

}
