package dev.jvmpprof.benchmarks.encoding;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import one.jfr.ClassRef;
import one.jfr.JfrReader;
import one.jfr.MethodRef;
import one.jfr.StackTrace;
import one.jfr.event.ExecutionSample;

import dev.jvmpprof.jfr.FrameNames;
import dev.jvmpprof.pprof.Frame;
import dev.jvmpprof.pprof.Label;
import dev.jvmpprof.pprof.ProfileHeader;
import dev.jvmpprof.pprof.ProfileWriter;
import dev.jvmpprof.pprof.SampleTable;

/**
 * A prototype, not shipped: our writer fed by async-profiler's JFR reader instead of the JDK's, with the same
 * content as ours (thread and, on wall, state labels; file names; inline frames as inline lines). It tells how much
 * of our time is the JDK's parser and how much the writer.
 */
final class ReaderPrototype {

	private static final byte INLINED = 2;

	// async-profiler's frame types: native, C++ and kernel frames have a symbol and no Java class.
	private static final byte NATIVE = 3;

	private static final byte KERNEL = 5;

	private final JfrReader jfr;

	private final ProfileWriter writer;

	private final Map<Long, Frame> functions = new HashMap<>();

	private final Map<Integer, long[]> stacks = new HashMap<>();

	private final Map<Long, List<Label>> labels = new HashMap<>();

	private long chunk = Long.MIN_VALUE;

	private ReaderPrototype(JfrReader jfr, ProfileWriter writer) {
		this.jfr = jfr;
		this.writer = writer;
	}

	static void encode(Path file, ProfileHeader header, boolean states, OutputStream out) throws IOException {
		try (JfrReader jfr = new JfrReader(file.toString());
				ProfileWriter writer = new ProfileWriter(out, header, "sample-app")) {
			ReaderPrototype prototype = new ReaderPrototype(jfr, writer);
			SampleTable samples = new SampleTable(header.sampleTypes().size());
			long period = header.period();
			for (ExecutionSample event; (event = jfr.readEvent(ExecutionSample.class)) != null;) {
				if (jfr.chunkStartNanos != prototype.chunk) {
					// Ids are per chunk.
					prototype.chunk = jfr.chunkStartNanos;
					prototype.functions.clear();
					prototype.stacks.clear();
					prototype.labels.clear();
				}
				long count = Math.max(1, event.samples);
				samples.add(prototype.locationIds(event.stackTraceId), prototype.labels(event, states), count,
						count * period);
			}
			samples.writeTo(writer);
		}
	}

	private List<Label> labels(ExecutionSample event, boolean states) {
		long key = ((long) event.tid << 32) | (states ? event.threadState : 0);
		List<Label> found = this.labels.get(key);
		if (found == null) {
			List<Label> made = new ArrayList<>(2);
			String thread = this.jfr.threads.get(event.tid);
			if (thread != null) {
				made.add(Label.of("thread", thread));
			}
			String state = states ? this.jfr.getEnumValue("jdk.types.ThreadState", event.threadState) : null;
			if (state != null) {
				made.add(Label.of("state", state.startsWith("STATE_") ? state.substring(6) : state));
			}
			found = List.copyOf(made);
			this.labels.put(key, found);
		}
		return found;
	}

	private long[] locationIds(int stackTraceId) throws IOException {
		long[] ids = this.stacks.get(stackTraceId);
		if (ids != null) {
			return ids;
		}
		StackTrace trace = this.jfr.stackTraces.get(stackTraceId);
		List<Long> locations = new ArrayList<>();
		if (trace == null) {
			locations.add(this.writer.location(List.of(Frame.named("[no Java frames]"))));
		}
		else {
			List<Frame> chain = new ArrayList<>(4);
			for (int i = 0; i < trace.methods.length; i++) {
				chain.add(frame(trace.methods[i], trace.types[i], trace.locations[i] >>> 16));
				if (trace.types[i] != INLINED) {
					locations.add(this.writer.location(chain));
					chain.clear();
				}
			}
			if (!chain.isEmpty()) {
				locations.add(this.writer.location(chain));
			}
		}
		ids = locations.stream().mapToLong(Long::longValue).toArray();
		this.stacks.put(stackTraceId, ids);
		return ids;
	}

	private Frame frame(long methodId, byte type, int line) {
		Frame base = this.functions.get(methodId);
		if (base == null) {
			MethodRef method = this.jfr.methods.get(methodId);
			String name = symbol(method.name);
			ClassRef owner = this.jfr.classes.get(method.cls);
			String className = (owner != null) ? symbol(owner.name) : "";
			if ((type >= NATIVE && type <= KERNEL) || className.isEmpty()) {
				base = Frame.named(name);
			}
			else {
				className = className.replace('/', '.');
				base = new Frame(className + "." + name, FrameNames.sourceFile(className), 0);
			}
			this.functions.put(methodId, base);
		}
		return (line == 0) ? base : new Frame(base.function(), base.file(), line);
	}

	private String symbol(long id) {
		byte[] bytes = this.jfr.symbols.get(id);
		return (bytes != null) ? new String(bytes, StandardCharsets.UTF_8) : "";
	}

}
