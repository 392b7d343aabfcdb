package dev.jvmpprof.pprof;

/**
 * One frame of a stack: the function, the source file it lives in and the line being executed.
 *
 * @param function the function name as users read it ({@code com.example.OrderService.place})
 * @param file the source path relative to a source root ({@code com/example/OrderService.java}), or empty
 * @param line the line number, or 0 where unknown
 */
public record Frame(String function, String file, int line) {

	/**
	 * Creates a frame that has a name only, such as a native or kernel function.
	 * @param function the function name
	 * @return the frame
	 */
	public static Frame named(String function) {
		return new Frame(function, "", 0);
	}

}
