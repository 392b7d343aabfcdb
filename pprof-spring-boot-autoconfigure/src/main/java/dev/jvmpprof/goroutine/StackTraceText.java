package dev.jvmpprof.goroutine;

/**
 * Reads a {@link StackTraceElement} back from its {@code toString()} form, as the JDK's JSON thread dump writes
 * stacks: {@code [loader/][module[@version]/]declaringClass.method(File.java:42)}.
 */
final class StackTraceText {

	private StackTraceText() {
	}

	/**
	 * Parses one frame.
	 * @param text the frame as {@link StackTraceElement#toString()} writes it
	 * @return the frame; text that does not parse becomes a frame of that name
	 */
	static StackTraceElement parse(String text) {
		int open = text.lastIndexOf('(');
		int close = text.lastIndexOf(')');
		if (open < 0 || close < open) {
			return new StackTraceElement("", text, null, -1);
		}
		String qualified = text.substring(0, open);
		String loader = null;
		String module = null;
		String version = null;
		// A hidden class's name has a slash too (Foo$$Lambda/0x0000...): only prefixes before it are loader or module.
		String[] prefixes = new String[2];
		int count = 0;
		int slash = qualified.indexOf('/');
		while (slash >= 0 && count < 2 && !qualified.startsWith("0x", slash + 1)) {
			prefixes[count++] = qualified.substring(0, slash);
			qualified = qualified.substring(slash + 1);
			slash = qualified.indexOf('/');
		}
		String moduleText = (count == 2) ? prefixes[1] : (count == 1) ? prefixes[0] : null;
		if (count == 2) {
			loader = prefixes[0];
		}
		if (moduleText != null && !moduleText.isEmpty()) {
			int at = moduleText.indexOf('@');
			module = (at < 0) ? moduleText : moduleText.substring(0, at);
			version = (at < 0) ? null : moduleText.substring(at + 1);
		}
		int dot = qualified.lastIndexOf('.');
		String className = (dot < 0) ? "" : qualified.substring(0, dot);
		String method = qualified.substring(dot + 1);
		String where = text.substring(open + 1, close);
		String file = null;
		int line = -1;
		if ("Native Method".equals(where)) {
			line = -2;
		}
		else if (!"Unknown Source".equals(where)) {
			int colon = where.lastIndexOf(':');
			file = (colon < 0) ? where : where.substring(0, colon);
			line = (colon < 0) ? -1 : parseLine(where.substring(colon + 1));
		}
		return new StackTraceElement(loader, module, version, className, method, file, line);
	}

	private static int parseLine(String text) {
		try {
			return Integer.parseInt(text);
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

}
