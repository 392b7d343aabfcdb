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
 * {@code <process CPU ns> <elapsed ns> <units> <bytes the working thread allocated a second>}.
 *
 * <p>The work is {@code allocation} (the default: nothing but allocation, about 20 GB/s, the worst case) or
 * {@code service} (small strings and lists built and read, about 1 GB/s: what a busy request handler allocates).
 *
 * <p>Two more modes take the sampler apart, to tell what in Flight Recorder costs: {@code allocation-events}
 * records only {@code jdk.ObjectAllocationSample}, without stacks, in memory, with nobody reading it;
 * {@code leak-profiler} only the sampler's {@code jdk.OldObjectSample} recording; {@code empty-stream} runs a
 * {@code RecordingStream} with no event enabled.
 *
 * <p>A process per run, not a sampler started and stopped in one JVM: starting Flight Recorder loads and compiles
 * its code and parses its first chunk, a one-off cost that a service pays at startup and that, measured inside a
 * one-second run, read as a 12 % overhead of sampling.
 */
public final class HeapSamplingProbe {

	// A ring of kept arrays, so that some allocations live on as in a real service.
	private static final Object[] kept = new Object[4096];

	private static int keptIndex;

	private static volatile int sink;

	private HeapSamplingProbe() {
	}

	public static void main(String[] args) throws Exception {
		long warmNanos = Long.parseLong(args[1]) * 1_000_000_000L;
		long measureNanos = Long.parseLong(args[2]) * 1_000_000_000L;
		Runnable unit = (args.length > 3 && "service".equals(args[3])) ? HeapSamplingProbe::serve
				: HeapSamplingProbe::allocate;
		AutoCloseable running = start(args[0]);
		OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
		ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
		work(unit, warmNanos);
		long cpu = os.getProcessCpuTime();
		long allocated = threads.getCurrentThreadAllocatedBytes();
		long start = System.nanoTime();
		long units = work(unit, measureNanos);
		long elapsed = System.nanoTime() - start;
		System.out.printf("%d %d %d %.0f%n", os.getProcessCpuTime() - cpu, elapsed, units,
				(threads.getCurrentThreadAllocatedBytes() - allocated) * 1e9 / elapsed);
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
			case "empty-stream" -> {
				RecordingStream stream = new RecordingStream();
				stream.startAsync();
				return stream;
			}
			default -> throw new IllegalArgumentException(
					"mode must be on, off, allocation-events, leak-profiler or empty-stream, not " + mode);
		}
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
