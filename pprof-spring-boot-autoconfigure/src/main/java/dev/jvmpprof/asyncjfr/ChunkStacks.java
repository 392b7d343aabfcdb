package dev.jvmpprof.asyncjfr;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import one.jfr.Dictionary;

import dev.jvmpprof.jfr.FrameNames;
import dev.jvmpprof.pprof.Frame;
import dev.jvmpprof.pprof.ProfileWriter;

/**
 * Turns the stack traces of one chunk into pprof location ids, as {@code StackConverter} does for the JDK's reader:
 * JIT-inlined frames become inline lines of the location of the frame they were inlined into, and frames are named
 * by {@link FrameNames} from the same class and method names the JDK's reader would give.
 */
final class ChunkStacks {

	private static final String FRAME_TYPE = "jdk.types.FrameType";

	private static final String INLINED = "Inlined";

	// A frame whose method the chunk does not hold: no line either, as on the JDK's path.
	private static final Frame UNKNOWN = Frame.named("[unknown]");

	private final ChunkConstants constants;

	private final ProfileWriter writer;

	// A chunk's methods recur in many stacks: each is named once.
	private final Dictionary<Frame> frames = new Dictionary<>(1024);

	private final Dictionary<Stack> converted = new Dictionary<>(1024);

	// Most locations are one frame, a method at a line: found by those two numbers, not by hashing frames.
	private final Dictionary<Long> singleFrameLocations = new Dictionary<>(1024);

	// Whether each frame type is "Inlined": 0 not known yet, 1 inlined, 2 not. async-profiler has seven types.
	private final byte[] inlinedTypes = new byte[256];

	ChunkStacks(ChunkConstants constants, ProfileWriter writer) {
		this.constants = constants;
		this.writer = writer;
	}

	/**
	 * Returns a stack trace as location ids, writing new locations as they appear.
	 * @param stackTraceId the id an event refers to
	 * @return the stack, the same instance for the same id
	 * @throws IOException if the profile cannot be written
	 */
	Stack stack(long stackTraceId) throws IOException {
		Stack stack = this.converted.get(stackTraceId);
		if (stack == null) {
			stack = new Stack(convert(stackTraceId));
			this.converted.put(stackTraceId, stack);
		}
		return stack;
	}

	private long[] convert(long stackTraceId) throws IOException {
		ChunkConstants.Frames trace = this.constants.stackTrace(stackTraceId);
		if (trace == null) {
			return new long[] { this.writer.location(List.of(Frame.named("[no Java frames]"))) };
		}
		// async-profiler never marks a stack truncated (it writes the flag as 0), so no "[truncated]" frame here.
		long[] methods = trace.methods();
		long[] ids = new long[methods.length];
		int locations = 0;
		List<Frame> inlineChain = new ArrayList<>(4);
		for (int i = 0; i < methods.length; i++) {
			// An inlined frame belongs to the location of the next frame toward the root.
			boolean inlined = isInlined(trace.types()[i]);
			if (!inlined && inlineChain.isEmpty()) {
				ids[locations++] = singleFrameLocation(methods[i], trace.lines()[i]);
				continue;
			}
			inlineChain.add(frame(methods[i], trace.lines()[i]));
			if (!inlined) {
				ids[locations++] = this.writer.location(inlineChain);
				inlineChain.clear();
			}
		}
		if (!inlineChain.isEmpty()) {
			ids[locations++] = this.writer.location(inlineChain);
		}
		return (locations == ids.length) ? ids : Arrays.copyOf(ids, locations);
	}

	private long singleFrameLocation(long methodId, int line) throws IOException {
		// Lines fit in 16 bits (class files number them so); method ids are far below 2^47.
		long key = (methodId << 16) | (line & 0xFFFF);
		Long id = this.singleFrameLocations.get(key);
		if (id == null) {
			id = this.writer.location(List.of(frame(methodId, line)));
			this.singleFrameLocations.put(key, id);
		}
		return id;
	}

	private boolean isInlined(int type) {
		if (type < 0 || type >= this.inlinedTypes.length) {
			return INLINED.equals(this.constants.enumName(FRAME_TYPE, type));
		}
		if (this.inlinedTypes[type] == 0) {
			this.inlinedTypes[type] = INLINED.equals(this.constants.enumName(FRAME_TYPE, type)) ? (byte) 1 : 2;
		}
		return this.inlinedTypes[type] == 1;
	}

	private Frame frame(long methodId, int line) {
		Frame frame = this.frames.get(methodId);
		if (frame == null) {
			frame = name(methodId);
			this.frames.put(methodId, frame);
		}
		return (line == frame.line() || frame == UNKNOWN) ? frame : new Frame(frame.function(), frame.file(), line);
	}

	private Frame name(long methodId) {
		String methodName = this.constants.methodName(methodId);
		if (methodName == null) {
			return UNKNOWN;
		}
		String className = this.constants.className(methodId);
		// As the JDK's RecordedClass.getName() gives it, which is what names frames on the other path.
		return FrameNames.of((className != null) ? className.replace('/', '.') : null, methodName, 0);
	}

	/**
	 * A stack as location ids, leaf first, with its hash: samples are merged by stack, and a stack is hashed once.
	 */
	static final class Stack {

		private final long[] locationIds;

		private final int hash;

		Stack(long[] locationIds) {
			this.locationIds = locationIds;
			this.hash = Arrays.hashCode(locationIds);
		}

		long[] locationIds() {
			return this.locationIds;
		}

		@Override
		public boolean equals(Object other) {
			// Stacks of different ids (of other chunks, or that differ only in what a location leaves out, such
			// as bytecode indexes) can have the same locations.
			return other == this
					|| other instanceof Stack stack && stack.hash == this.hash
							&& Arrays.equals(stack.locationIds, this.locationIds);
		}

		@Override
		public int hashCode() {
			return this.hash;
		}

	}

}
