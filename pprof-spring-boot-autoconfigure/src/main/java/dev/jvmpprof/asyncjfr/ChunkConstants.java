package dev.jvmpprof.asyncjfr;

/**
 * The constants of one chunk that samples refer to by id: threads, stack traces, methods and the names of enum
 * values.
 */
interface ChunkConstants {

	/** What {@link #javaThreadId} returns for a thread the chunk does not hold. */
	long NO_THREAD = -1;

	/**
	 * Returns a thread's name as the JDK's reader gives it: its Java name, or its OS name for a thread the JVM does
	 * not know.
	 * @param threadId the thread as events refer to it
	 * @return the name, or {@code null} where the chunk holds no such thread
	 */
	String threadName(long threadId);

	/**
	 * Returns a thread's Java thread id.
	 * @param threadId the thread as events refer to it
	 * @return the id, 0 for a thread the JVM does not know, {@link #NO_THREAD} where the chunk holds no such thread
	 */
	long javaThreadId(long threadId);

	/**
	 * Returns a stack trace.
	 * @param stackTraceId the stack as events refer to it
	 * @return its frames, or {@code null} where the chunk holds no such stack
	 */
	Frames stackTrace(long stackTraceId);

	/**
	 * Returns a method's name.
	 * @param methodId the method as stack frames refer to it
	 * @return the name, or {@code null} where the chunk holds no such method
	 */
	String methodName(long methodId);

	/**
	 * Returns the name of a method's class, as the JVM spells it ({@code com/example/Order}), or for a native or
	 * kernel frame its library or nothing.
	 * @param methodId the method as stack frames refer to it
	 * @return the name, or {@code null} where there is none
	 */
	String className(long methodId);

	/**
	 * Returns the name of an enum value, such as a frame's type ({@code jdk.types.FrameType}) or a thread's state
	 * ({@code jdk.types.ThreadState}).
	 * @param typeName the enum's type
	 * @param key the value as events refer to it
	 * @return the name, or {@code null} where the chunk has no such value
	 */
	String enumName(String typeName, long key);

	/**
	 * The frames of one stack trace, leaf first.
	 *
	 * @param methods each frame's method id
	 * @param lines each frame's line, 0 where unknown
	 * @param types each frame's type, a key of {@code jdk.types.FrameType}
	 */
	record Frames(long[] methods, int[] lines, int[] types) {
	}

}
