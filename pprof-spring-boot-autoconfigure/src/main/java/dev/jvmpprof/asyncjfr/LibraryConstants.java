package dev.jvmpprof.asyncjfr;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import one.jfr.ClassRef;
import one.jfr.JfrReader;
import one.jfr.MethodRef;
import one.jfr.StackTrace;

/**
 * A chunk's constants as async-profiler's reader parsed them.
 */
final class LibraryConstants implements ChunkConstants {

	private final JfrReader pools;

	LibraryConstants(JfrReader pools) {
		this.pools = pools;
	}

	@Override
	public String threadName(long threadId) {
		return this.pools.threads.get(threadId);
	}

	@Override
	public long javaThreadId(long threadId) {
		Long id = this.pools.javaThreads.get(threadId);
		return (id != null) ? id : NO_THREAD;
	}

	@Override
	public Frames stackTrace(long stackTraceId) {
		StackTrace trace = this.pools.stackTraces.get(stackTraceId);
		if (trace == null) {
			return null;
		}
		int[] lines = new int[trace.locations.length];
		int[] types = new int[trace.types.length];
		for (int i = 0; i < lines.length; i++) {
			// The reader packs the line into the upper 16 bits: class files number lines up to 65535.
			lines[i] = trace.locations[i] >>> 16;
			types[i] = trace.types[i];
		}
		return new Frames(trace.methods, lines, types);
	}

	@Override
	public String methodName(long methodId) {
		MethodRef method = this.pools.methods.get(methodId);
		return (method != null) ? symbol(method.name) : null;
	}

	@Override
	public String className(long methodId) {
		MethodRef method = this.pools.methods.get(methodId);
		ClassRef type = (method != null) ? this.pools.classes.get(method.cls) : null;
		return (type != null) ? symbol(type.name) : null;
	}

	@Override
	public String enumName(String typeName, long key) {
		Map<Integer, String> values = this.pools.enums.get(typeName);
		return (values != null) ? values.get((int) key) : null;
	}

	private String symbol(long id) {
		byte[] bytes = this.pools.symbols.get(id);
		return (bytes != null) ? new String(bytes, StandardCharsets.UTF_8) : null;
	}

}
