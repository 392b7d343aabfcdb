package dev.jvmpprof.actuate;

/**
 * A {@code pprof.*} setting with a value the starter cannot work with, which stops the application at startup
 * and which {@link InvalidPprofPropertyFailureAnalyzer} describes.
 */
class InvalidPprofPropertyException extends RuntimeException {

	private final String property;

	private final Object value;

	private final String allowed;

	/**
	 * Creates an exception.
	 * @param property the property's name, such as {@code pprof.engine}
	 * @param value the bound value, or {@code null}
	 * @param allowed what the property takes, to follow "must be", such as {@code "a positive duration"}
	 */
	InvalidPprofPropertyException(String property, Object value, String allowed) {
		super(property + " must be " + allowed + ", not '" + value + "'");
		this.property = property;
		this.value = value;
		this.allowed = allowed;
	}

	String getProperty() {
		return this.property;
	}

	Object getValue() {
		return this.value;
	}

	String getAllowed() {
		return this.allowed;
	}

}
