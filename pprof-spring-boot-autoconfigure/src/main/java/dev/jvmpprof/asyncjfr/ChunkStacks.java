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
	private final Dictionary<Frame> frames = new Dictionary<>();

	// A stack recurs with as many label sets as it was sampled with.
	private final Dictionary<long[]> converted = new Dictionary<>();

	private final Dictionary<Boolean> inlinedTypes = new Dictionary<>();

	ChunkStacks(ChunkConstants constants, ProfileWriter writer) {
		this.constants = constants;
		this.writer = writer;
	}

	/**
	 * Returns the location ids of a stack trace, leaf first, writing new locations as they appear.
	 * @param stackTraceId the id an event refers to
	 * @return the location ids
	 * @throws IOException if the profile cannot be written
	 */
	long[] locationIds(long stackTraceId) throws IOException {
		long[] ids = this.converted.get(stackTraceId);
		if (ids == null) {
			ids = convert(stackTraceId);
			this.converted.put(stackTraceId, ids);
		}
		return ids;
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
			inlineChain.add(frame(methods[i], trace.lines()[i]));
			// An inlined frame belongs to the location of the next frame toward the root.
			if (!isInlined(trace.types()[i])) {
				ids[locations++] = this.writer.location(inlineChain);
				inlineChain.clear();
			}
		}
		if (!inlineChain.isEmpty()) {
			ids[locations++] = this.writer.location(inlineChain);
		}
		return (locations == ids.length) ? ids : Arrays.copyOf(ids, locations);
	}

	private boolean isInlined(int type) {
		Boolean inlined = this.inlinedTypes.get(type);
		if (inlined == null) {
			inlined = INLINED.equals(this.constants.enumName(FRAME_TYPE, type));
			this.inlinedTypes.put(type, inlined);
		}
		return inlined;
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

}
