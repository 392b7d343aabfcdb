package dev.jvmpprof.jfr;

import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;

import dev.jvmpprof.pprof.Frame;

/**
 * Names recorded frames the way a Java engineer reads them: {@code com.example.OrderService.place} in
 * {@code com/example/OrderService.java}, so that {@code go tool pprof -list} finds the source under a source root.
 */
public final class FrameNames {

	private FrameNames() {
	}

	/**
	 * Converts one recorded frame.
	 * @param frame the recorded frame
	 * @return the pprof frame
	 */
	public static Frame of(RecordedFrame frame) {
		RecordedMethod method = frame.getMethod();
		if (method == null) {
			return Frame.named("[unknown]");
		}
		RecordedClass type = method.getType();
		return of((type != null) ? type.getName() : null, method.getName(), frame.getLineNumber());
	}

	/**
	 * Converts one frame given by its parts, as readers other than the JDK's give them.
	 * @param className the class as {@link RecordedClass#getName()} gives it (dots, not slashes), or where
	 * async-profiler records native and kernel frames, their shared library or nothing
	 * @param methodName the method or symbol
	 * @param lineNumber the line, negative or 0 where unknown
	 * @return the pprof frame
	 */
	public static Frame of(String className, String methodName, int lineNumber) {
		int line = Math.max(lineNumber, 0);
		if (className == null || className.isEmpty()) {
			// Kernel frames have a symbol and no class.
			return new Frame(methodName, "", line);
		}
		if (isLibrary(className)) {
			// async-profiler names native frames by symbol, with their shared library where a class would be.
			return new Frame(methodName, className, line);
		}
		className = className.replace('/', '.');
		return new Frame(className + "." + methodName, sourceFile(className), line);
	}

	private static boolean isLibrary(String className) {
		return className.endsWith(".so") || className.contains(".so.") || className.endsWith(".dylib")
				|| className.startsWith("/") || className.startsWith("[");
	}

	/**
	 * Derives the source path of a class from its name, as javac lays sources out: nested, local, anonymous and
	 * lambda classes live in the file of their outermost class.
	 * @param className the binary class name, such as {@code com.example.Order$Line}
	 * @return the source path, such as {@code com/example/Order.java}
	 */
	public static String sourceFile(String className) {
		String outermost = className;
		int nested = outermost.indexOf('$');
		if (nested > 0) {
			outermost = outermost.substring(0, nested);
		}
		int hidden = outermost.indexOf('/');
		if (hidden > 0) {
			outermost = outermost.substring(0, hidden);
		}
		return outermost.replace('.', '/') + ".java";
	}

}
