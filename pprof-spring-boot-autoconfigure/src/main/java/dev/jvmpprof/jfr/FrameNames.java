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
		int line = Math.max(frame.getLineNumber(), 0);
		if (method == null) {
			return Frame.named("[unknown]");
		}
		RecordedClass type = method.getType();
		String className = (type != null) ? type.getName() : null;
		if (className == null || className.isEmpty()) {
			// Kernel frames have a symbol and no class.
			return new Frame(method.getName(), "", line);
		}
		if (isLibrary(className)) {
			// async-profiler names native frames by symbol, with their shared library where a class would be.
			return new Frame(method.getName(), className, line);
		}
		className = className.replace('/', '.');
		return new Frame(className + "." + method.getName(), sourceFile(className), line);
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
