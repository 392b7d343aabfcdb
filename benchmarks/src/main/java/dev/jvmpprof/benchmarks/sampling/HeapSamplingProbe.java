package dev.jvmpprof.benchmarks.sampling;

import java.lang.management.ManagementFactory;

import com.sun.management.OperatingSystemMXBean;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingStream;

import dev.jvmpprof.heap.HeapSampler;

/**
 * One run of the heap row, in a JVM of its own: with {@code on}, the always-on heap sampler starts first, as it does
 * at application startup; then the allocating work warms up and is measured. Prints
 * {@code <process CPU ns> <elapsed ns> <units>}.
 *
 * <p>Two more modes take the sampler apart, to tell what in Flight Recorder costs: {@code allocation-events}
 * records only {@code jdk.ObjectAllocationSample}, without stacks, in memory, with nobody reading it;
 * {@code empty-stream} runs a {@code RecordingStream} with no event enabled.
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
		AutoCloseable running = start(args[0]);
		OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
		work(warmNanos);
		long cpu = os.getProcessCpuTime();
		long start = System.nanoTime();
		long units = work(measureNanos);
		System.out.printf("%d %d %d%n", os.getProcessCpuTime() - cpu, System.nanoTime() - start, units);
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
				recording.setToDisk(false);
				recording.start();
				return recording;
			}
			case "empty-stream" -> {
				RecordingStream stream = new RecordingStream();
				stream.startAsync();
				return stream;
			}
			default -> throw new IllegalArgumentException(
					"mode must be on, off, allocation-events or empty-stream, not " + mode);
		}
	}

	private static long work(long nanos) {
		long units = 0;
		long end = System.nanoTime() + nanos;
		while (System.nanoTime() < end) {
			for (int i = 0; i < 100; i++) {
				allocate();
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

}
