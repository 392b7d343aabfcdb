package dev.jvmpprof.benchmarks.sampling;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingStream;

import dev.jvmpprof.heap.HeapSampler;

/**
 * One run of the heap row, in a JVM of its own: with {@code on}, the always-on heap sampler starts first, as it does
 * at application startup; then the allocating work warms up and is measured. Prints
 * {@code <process CPU ns> <elapsed ns> <units> <bytes the working thread allocated a second> <its CPU ns>}: the
 * process's CPU holds what Flight Recorder's threads and the stream's reading cost, the thread's what sampling costs
 * where the allocations happen.
 *
 * <p>The work is {@code allocation} (the default: nothing but allocation, about 20 GB/s, the worst case) or
 * {@code service} (small strings and lists built and read, about 1 GB/s: what a busy request handler allocates) or
 * {@code deep-service} (the same, 60 frames deep, as a handler's code runs in a Spring service: the stacks that
 * Flight Recorder walks and the stream reads are as long as there).
 *
 * <p>More modes take the sampler apart, to tell what in Flight Recorder costs: {@code allocation-events}
 * records only {@code jdk.ObjectAllocationSample}, without stacks, in memory, with nobody reading it;
 * {@code allocation-stream} reads them, with stacks, from a stream that looks at nothing but their weight;
 * {@code leak-profiler} only the sampler's {@code jdk.OldObjectSample} recording; {@code empty-stream} runs a
 * {@code RecordingStream} with no event enabled.
 *
 * <p>A process per run in these modes: starting Flight Recorder the first time loads and compiles its code and
 * parses its first chunk, a one-off cost that a service pays at startup and that, measured inside a one-second run,
 * read as a 12 % overhead of sampling. {@code alternate} measures in one JVM with the sampler and without, in
 * turns, after warming up with it and letting each start settle (see {@link #alternate}).
 *
 * <p>Why in turns: in pairs of JVMs the allocating work drew a lot. It compiles {@code allocate} and, on its own,
 * {@code StringBuilder.append(int)} at about the same moment, in its first second; when {@code append} is compiled
 * first, the compiler leaves it out of {@code allocate} ({@code -XX:+PrintInlining}: "already compiled into a big
 * method"), the builders no longer stay in registers, and the work costs 30-35 % more CPU for the whole run.
 * Flight Recorder's start shifts the compiler's timing, so that order came up in a third to a half of the JVMs
 * with the sampler (or with a stream that enables no event) and in none without; with
 * {@code -XX:InlineSmallCode=20000}, which lifts that limit, in none of 5 with the sampler. An application
 * compiles {@code append} at its start, long before any request, so the draw is not the sampler's cost.
 */
public final class HeapSamplingProbe {

	// A ring of kept arrays, so that some allocations live on as in a real service.
	private static final Object[] kept = new Object[4096];

	private static int keptIndex;

	private static volatile int sink;

	private static final long TURN_SECONDS = 5;

	private static final long SETTLE_SECONDS = 2;

	/** How deep a request handler's allocations are in a Spring service: about 60 frames below the thread's run. */
	private static final int DEEP_SERVICE_FRAMES = 60;

	private HeapSamplingProbe() {
	}

	public static void main(String[] args) throws Exception {
		long warmNanos = Long.parseLong(args[1]) * 1_000_000_000L;
		long measureNanos = Long.parseLong(args[2]) * 1_000_000_000L;
		Runnable unit = switch ((args.length > 3) ? args[3] : "allocation") {
			case "allocation" -> HeapSamplingProbe::allocate;
			case "service" -> HeapSamplingProbe::serve;
			case "deep-service" -> () -> serveAtDepth(DEEP_SERVICE_FRAMES);
			default -> throw new IllegalArgumentException(
					"work must be allocation, service or deep-service, not " + args[3]);
		};
		if ("alternate".equals(args[0])) {
			alternate(unit, warmNanos, measureNanos);
			return;
		}
		AutoCloseable running = start(args[0]);
		work(unit, warmNanos);
		long[] measured = measure(unit, measureNanos);
		System.out.printf("%d %d %d %.0f %d%n", measured[0], measured[1], measured[2], measured[4] * 1e9 / measured[1],
				measured[3]);
		running.close();
	}

	private static AutoCloseable start(String mode) {
		switch (mode) {
			case "on" -> {
				HeapSampler sampler = new HeapSampler(512 * 1024, HeapSamplingProbe.class.getClassLoader());
				sampler.start();
				return sampler;
			}
			case "off" -> {
				return () -> {
				};
			}
			case "allocation-events" -> {
				Recording recording = new Recording();
				recording.enable("jdk.ObjectAllocationSample").with("throttle", "1000/s").withoutStackTrace();
				return inMemory(recording);
			}
			case "leak-profiler" -> {
				Recording recording = new Recording();
				recording.enable("jdk.OldObjectSample").with("cutoff", "0 ns").withStackTrace();
				return inMemory(recording);
			}
			case "allocation-stream" -> {
				RecordingStream stream = new RecordingStream();
				stream.enable("jdk.ObjectAllocationSample").with("throttle", "1000/s").withStackTrace();
				stream.onEvent("jdk.ObjectAllocationSample", (event) -> sink += (int) event.getLong("weight"));
				stream.startAsync();
				return stream;
			}
			case "empty-stream" -> {
				RecordingStream stream = new RecordingStream();
				stream.startAsync();
				return stream;
			}
			default -> throw new IllegalArgumentException("mode must be on, off, allocation-events, "
					+ "allocation-stream, leak-profiler, empty-stream or alternate, not " + mode);
		}
	}

	/**
	 * Measures with the sampler and without, in turns within this JVM, after warming up with it: the difference
	 * between two JVMs' compiled code (a few per cent on this work) is then the same on both sides. Turns of
	 * {@link #TURN_SECONDS} alternate in pairs whose order also alternates (on-off, off-on, ...), and each turn
	 * starts after {@link #SETTLE_SECONDS} of work unmeasured, so that starting the sampler again (its stream's
	 * thread and first chunk, which a service pays once) is not counted. Prints a line a turn:
	 * {@code on|off <process CPU ns> <elapsed ns> <units> <the working thread's CPU ns>}.
	 */
	private static void alternate(Runnable unit, long warmNanos, long measureNanos) throws Exception {
		HeapSampler sampler = new HeapSampler(512 * 1024, HeapSamplingProbe.class.getClassLoader());
		sampler.start();
		work(unit, warmNanos);
		boolean on = true;
		int turns = (int) Math.max(2, measureNanos / (TURN_SECONDS * 1_000_000_000L));
		for (int turn = 0; turn < turns; turn++) {
			// on, off, off, on, on, off, ...: each state twice in a row, so drift weighs on both alike.
			boolean wanted = ((turn / 2) % 2 == 0) == (turn % 2 == 0);
			if (wanted != on) {
				if (wanted) {
					sampler.start();
				}
				else {
					sampler.close();
				}
				on = wanted;
			}
			work(unit, SETTLE_SECONDS * 1_000_000_000L);
			long[] measured = measure(unit, TURN_SECONDS * 1_000_000_000L);
			System.out.printf("%s %d %d %d %d%n", on ? "on" : "off", measured[0], measured[1], measured[2],
					measured[3]);
		}
		sampler.close();
	}

	/**
	 * Returns {process CPU ns, elapsed ns, units, the working thread's CPU ns, the bytes it allocated} of work for
	 * {@code nanos}.
	 */
	private static long[] measure(Runnable unit, long nanos) {
		OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
		ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
		long cpu = os.getProcessCpuTime();
		long threadCpu = threads.getCurrentThreadCpuTime();
		long allocated = threads.getCurrentThreadAllocatedBytes();
		long start = System.nanoTime();
		long units = work(unit, nanos);
		return new long[] { os.getProcessCpuTime() - cpu, System.nanoTime() - start, units,
				threads.getCurrentThreadCpuTime() - threadCpu, threads.getCurrentThreadAllocatedBytes() - allocated };
	}

	/** Starts a recording that nobody reads, kept in memory as the sampler keeps its leak profiler's. */
	private static Recording inMemory(Recording recording) {
		recording.setToDisk(false);
		recording.start();
		return recording;
	}

	private static long work(Runnable unit, long nanos) {
		long units = 0;
		long end = System.nanoTime() + nanos;
		while (System.nanoTime() < end) {
			for (int i = 0; i < 100; i++) {
				unit.run();
			}
			units += 100;
		}
		return units;
	}

	/** One unit: 256 arrays of 1 KiB and as many small builders; one array in 64 is kept for a while. */
	static void allocate() {
		for (int i = 0; i < 256; i++) {
			byte[] bytes = new byte[1024];
			bytes[i] = (byte) i;
			StringBuilder text = new StringBuilder(32).append(i).append(bytes.length);
			if ((i & 63) == 0) {
				kept[(keptIndex++) & (kept.length - 1)] = bytes;
			}
			sink += text.length();
		}
	}

	private static void serveAtDepth(int frames) {
		if (frames == 0) {
			serve();
		}
		else {
			serveAtDepth(frames - 1);
		}
	}

	/** One unit of request-like work: a few small strings formatted, joined and read; one result in 64 is kept. */
	static void serve() {
		List<String> parts = new ArrayList<>(16);
		for (int i = 0; i < 16; i++) {
			parts.add(Integer.toHexString(i * 31 + keptIndex));
		}
		String joined = String.join(",", parts);
		int hash = 0;
		for (int round = 0; round < 12; round++) {
			for (int i = 0; i < joined.length(); i++) {
				hash = 31 * hash + joined.charAt(i);
			}
		}
		if ((keptIndex++ & 63) == 0) {
			kept[keptIndex & (kept.length - 1)] = joined;
		}
		sink += hash;
	}

}
