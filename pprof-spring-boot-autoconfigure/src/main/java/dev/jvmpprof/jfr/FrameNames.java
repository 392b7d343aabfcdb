package dev.jvmpprof.jfr;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;

import dev.jvmpprof.pprof.Frame;

/**
 * Names recorded frames the way a Java engineer reads them: {@code com.example.OrderService.place} in
 * {@code com/example/OrderService.java}, so that {@code go tool pprof -list} finds the source under a source root.
 */
public final class FrameNames {

	/** A hidden class's address, with the hash that Flight Recorder adds: {@code /0x7f1f...}, {@code +0x7f1f....42}. */
	private static final Pattern HIDDEN_SUFFIX = Pattern.compile("[/.+]0x[0-9a-fA-F]+(\\.[0-9]+)?$");

	/** The counter of a lambda's class before Java 21: {@code $$Lambda$1376}. */
	private static final Pattern LAMBDA_COUNTER = Pattern.compile("\\$\\$Lambda\\$[0-9]+$");

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
		return new Frame(stableClassName(className) + "." + methodName, sourceFile(className), line);
	}

	/**
	 * Names a class the same way in every start of the application and every profile: a lambda as
	 * {@code com.example.Order$$Lambda}, another hidden class without its address, as
	 * {@code java.lang.invoke.LambdaForm$MH}. The JVM names them with a counter and an address that change at every
	 * start ({@code Order$$Lambda$1376/0x00007f1fbc5626a8}), which Flight Recorder writes with a hash after them
	 * ({@code Order$$Lambda$1376+0x00007f1fbc5626a8.2123517372}); fleet profilers and {@code -diff_base} match
	 * functions by name, and would take each start's lambdas for new functions. Lambdas of one class share the name,
	 * as they share a source file; their lines tell them apart.
	 * @param className the binary class name, with dots or with the JVM's slash before a hidden class's address
	 * @return the name without counter, address or hash
	 */
	public static String stableClassName(String className) {
		if (!className.contains("0x")) {
			return className;
		}
		Matcher hidden = HIDDEN_SUFFIX.matcher(className);
		if (!hidden.find()) {
			return className;
		}
		String name = className.substring(0, hidden.start());
		Matcher lambda = LAMBDA_COUNTER.matcher(name);
		return lambda.find() ? name.substring(0, lambda.start()) + "$$Lambda" : name;
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
