package dev.jvmpprof.jfr;

import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;

import dev.jvmpprof.pprof.Frame;
import dev.jvmpprof.pprof.ProfileWriter;

/**
 * Turns recorded stack traces into pprof location ids, keeping JIT-inlined frames as the inline lines of the one
 * location of the frame they were inlined into.
 */
public final class StackConverter {

	private static final String INLINED = "Inlined";

	private final ProfileWriter writer;

	// The JFR parser shares one object per stack trace constant, so identity is a cheap first-level cache.
	private final Map<RecordedStackTrace, long[]> converted = new IdentityHashMap<>();

	// Methods are shared constants too, so each is named once rather than once per frame of every new stack.
	private final Map<RecordedMethod, Frame> named = new IdentityHashMap<>();

	public StackConverter(ProfileWriter writer) {
		this.writer = writer;
	}

	/**
	 * Returns the location ids of {@code stackTrace}, leaf first.
	 * @param stackTrace the recorded stack, or {@code null} where none was recorded
	 * @return the location ids, writing new locations as they appear
	 * @throws IOException if the profile cannot be written
	 */
	public long[] locationIds(RecordedStackTrace stackTrace) throws IOException {
		if (stackTrace == null) {
			return convert(null);
		}
		long[] ids = this.converted.get(stackTrace);
		if (ids == null) {
			ids = convert(stackTrace);
			this.converted.put(stackTrace, ids);
		}
		return ids;
	}

	private long[] convert(RecordedStackTrace stackTrace) throws IOException {
		List<List<Frame>> stack = stack(stackTrace, this::frame);
		long[] ids = new long[stack.size()];
		for (int i = 0; i < ids.length; i++) {
			ids[i] = this.writer.location(stack.get(i));
		}
		return ids;
	}

	/**
	 * Converts a recorded stack into pprof frames, one inline chain per physical frame.
	 * @param stackTrace the recorded stack, or {@code null} where none was recorded
	 * @return the stack of inline chains, leaf first, each callee first
	 */
	public static List<List<Frame>> stack(RecordedStackTrace stackTrace) {
		return stack(stackTrace, FrameNames::of);
	}

	private Frame frame(RecordedFrame recorded) {
		RecordedMethod method = recorded.getMethod();
		if (method == null) {
			return FrameNames.of(recorded);
		}
		Frame frame = this.named.get(method);
		if (frame == null) {
			frame = FrameNames.of(recorded);
			this.named.put(method, frame);
			return frame;
		}
		int line = Math.max(recorded.getLineNumber(), 0);
		return (line == frame.line()) ? frame : new Frame(frame.function(), frame.file(), line);
	}

	private static List<List<Frame>> stack(RecordedStackTrace stackTrace, Function<RecordedFrame, Frame> names) {
		if (stackTrace == null) {
			return List.of(List.of(Frame.named("[no Java frames]")));
		}
		List<RecordedFrame> frames = stackTrace.getFrames();
		List<List<Frame>> stack = new ArrayList<>(frames.size());
		List<Frame> inlineChain = new ArrayList<>(4);
		for (RecordedFrame recorded : frames) {
			inlineChain.add(names.apply(recorded));
			// An inlined frame belongs to the location of the next frame toward the root.
			if (!INLINED.equals(recorded.getType())) {
				stack.add(List.copyOf(inlineChain));
				inlineChain.clear();
			}
		}
		if (!inlineChain.isEmpty()) {
			stack.add(List.copyOf(inlineChain));
		}
		if (stackTrace.isTruncated()) {
			stack.add(List.of(Frame.named("[truncated]")));
		}
		return stack;
	}

}
