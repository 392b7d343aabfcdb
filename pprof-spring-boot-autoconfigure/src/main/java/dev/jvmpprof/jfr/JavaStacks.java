package dev.jvmpprof.jfr;

import java.util.ArrayList;
import java.util.List;

import dev.jvmpprof.pprof.Frame;

/**
 * Turns {@link StackTraceElement} stacks, as thread dumps and exceptions give them, into pprof stacks named like
 * the recorded ones.
 */
public final class JavaStacks {

	private JavaStacks() {
	}

	/**
	 * Converts a stack, leaf first, one location per element (a thread dump knows nothing of inlining).
	 * @param elements the stack trace
	 * @return the stack of inline chains, leaf first
	 */
	public static List<List<Frame>> of(StackTraceElement[] elements) {
		List<List<Frame>> stack = new ArrayList<>(elements.length);
		for (StackTraceElement element : elements) {
			stack.add(List.of(frame(element)));
		}
		return stack;
	}

	/**
	 * Converts one element.
	 * @param element the element
	 * @return the frame
	 */
	public static Frame frame(StackTraceElement element) {
		String className = element.getClassName();
		return new Frame(FrameNames.stableClassName(className) + "." + element.getMethodName(),
				sourceFile(className, element.getFileName()),
				Math.max(element.getLineNumber(), 0));
	}

	private static String sourceFile(String className, String fileName) {
		if (fileName == null) {
			return FrameNames.sourceFile(className);
		}
		// The class file names its source (Kotlin files too); the package gives the directory.
		int packageEnd = className.lastIndexOf('.');
		return (packageEnd < 0) ? fileName : className.substring(0, packageEnd).replace('.', '/') + "/" + fileName;
	}

}
