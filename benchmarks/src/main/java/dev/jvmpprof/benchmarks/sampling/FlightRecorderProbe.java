package dev.jvmpprof.benchmarks.sampling;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import com.sun.management.OperatingSystemMXBean;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import jdk.jfr.consumer.RecordingStream;

/**
 * Facts about Flight Recorder itself that the always-on recorders are built on, each in a JVM of its own (run by
 * hand, see BENCHMARKS.md):
 * <ul>
 * <li>{@code start none|recorder|recording|stream}: what starting Flight Recorder costs in an empty JVM, the call and
 * the CPU of the next 4 s;</li>
 * <li>{@code loss BUFFERS}: whether {@code BUFFERS} global buffers lose allocation events ({@code jdk.DataLoss}) while
 * three threads allocate as fast as they can, 50 to 210 frames deep, with stacks of up to 256 frames;</li>
 * <li>{@code old-queue SECONDS}: how many live samples the leak profiler takes of a 10 MiB leak, after
 * {@code SECONDS} of keeping 4 KiB arrays amid 100 MB/s of garbage.</li>
 * </ul>
 */
public final class FlightRecorderProbe {

	private static final String[] SIGNATURE = { String[].class.getName() };

	private static volatile Object sink;

	private FlightRecorderProbe() {
	}

	public static void main(String[] args) throws Exception {
		switch (args[0]) {
			case "start" -> start(args[1]);
			case "loss" -> loss(Integer.parseInt(args[1]));
			case "old-queue" -> oldQueue(Integer.parseInt(args[1]));
			default -> throw new IllegalArgumentException("start, loss or old-queue, not " + args[0]);
		}
	}

	private static void start(String what) throws Exception {
		OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
		long started = System.nanoTime();
		long cpuBefore = os.getProcessCpuTime();
		AutoCloseable running = switch (what) {
			case "none" -> null;
			case "recorder" -> {
				FlightRecorder.getFlightRecorder();
				yield null;
			}
			case "recording" -> {
				Recording recording = new Recording();
				recording.enable("jdk.ThreadStart").withStackTrace();
				recording.start();
				yield recording;
			}
			case "stream" -> {
				RecordingStream stream = new RecordingStream();
				stream.onEvent("jdk.ThreadStart", (event) -> {
				});
				stream.enable("jdk.ThreadStart").withStackTrace();
				stream.startAsync();
				yield stream;
			}
			default -> throw new IllegalArgumentException("none, recorder, recording or stream, not " + what);
		};
		long called = System.nanoTime();
		long cpuCalled = os.getProcessCpuTime();
		Thread.sleep(4000);
		System.out.printf("%s: the call %.0f ms, %.0f ms of CPU; the next 4 s %.0f ms of CPU%n", what,
				(called - started) / 1e6, (cpuCalled - cpuBefore) / 1e6, (os.getProcessCpuTime() - cpuCalled) / 1e6);
		if (running != null) {
			running.close();
		}
	}

	private static void loss(int buffers) throws Exception {
		configure("globalbuffercount=" + buffers, "stackdepth=256");
		AtomicLong events = new AtomicLong();
		AtomicLong lossEvents = new AtomicLong();
		AtomicLong lostBytes = new AtomicLong();
		try (RecordingStream stream = new RecordingStream()) {
			stream.onEvent("jdk.ObjectAllocationInNewTLAB", (event) -> events.incrementAndGet());
			stream.onEvent("jdk.ObjectAllocationOutsideTLAB", (event) -> events.incrementAndGet());
			stream.onEvent("jdk.DataLoss", (event) -> {
				lossEvents.incrementAndGet();
				lostBytes.addAndGet(event.getLong("amount"));
			});
			stream.enable("jdk.ObjectAllocationInNewTLAB").withStackTrace();
			stream.enable("jdk.ObjectAllocationOutsideTLAB").withStackTrace();
			stream.enable("jdk.DataLoss");
			stream.startAsync();
			long end = System.nanoTime() + 8_000_000_000L;
			List<Thread> threads = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				int depth = 50 + i * 80;
				Thread thread = new Thread(() -> allocateAt(depth, end));
				thread.start();
				threads.add(thread);
			}
			for (Thread thread : threads) {
				thread.join();
			}
			// The last flush reaches the stream about a second later.
			Thread.sleep(3000);
		}
		System.out.printf("%d global buffers: %d allocation events in 8 s, %d data loss events, %d bytes lost%n",
				buffers, events.get(), lossEvents.get(), lostBytes.get());
	}

	private static void allocateAt(int depth, long end) {
		if (depth > 0) {
			allocateAt(depth - 1, end);
			return;
		}
		for (int i = 0; System.nanoTime() < end; i++) {
			sink = ((i & 63) == 0) ? new byte[70_000] : new byte[1000];
		}
	}

	private static void oldQueue(int agedSeconds) throws Exception {
		List<byte[]> kept = new ArrayList<>();
		List<byte[]> leaked = new ArrayList<>();
		Path file = Files.createTempFile("probe-", ".jfr");
		try (Recording recording = new Recording()) {
			recording.enable("jdk.OldObjectSample").with("cutoff", "0 ns").withStackTrace();
			recording.setToDisk(false);
			recording.start();
			long end = System.nanoTime() + agedSeconds * 1_000_000_000L;
			while (System.nanoTime() < end) {
				for (int i = 0; i < 100; i++) {
					sink = new byte[1008];
				}
				keep(kept);
				Thread.sleep(1);
			}
			System.gc();
			long leakEnd = System.nanoTime() + 10_000_000_000L;
			while (System.nanoTime() < leakEnd) {
				for (int i = 0; i < 16; i++) {
					leak(leaked);
					for (int j = 0; j < 64; j++) {
						sink = new byte[1008];
					}
				}
				Thread.sleep(15);
			}
			System.gc();
			recording.dump(file);
		}
		int live = 0;
		int atLeak = 0;
		for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
			if (event.getEventType().getName().equals("jdk.OldObjectSample")) {
				live++;
				if (event.getStackTrace() != null && event.getStackTrace()
					.getFrames()
					.stream()
					.anyMatch((frame) -> frame.getMethod().getName().equals("leak"))) {
					atLeak++;
				}
			}
		}
		Files.delete(file);
		System.out.printf("after %d s of keeping %d arrays: %d live samples, %d of them of the %d MiB leaked%n",
				agedSeconds, kept.size(), live, atLeak, leaked.size() / 1024);
	}

	private static void keep(List<byte[]> kept) {
		kept.add(new byte[4096 - 16]);
	}

	private static void leak(List<byte[]> leaked) {
		leaked.add(new byte[1024 - 16]);
	}

	private static void configure(String... options) throws Exception {
		MBeanServer server = ManagementFactory.getPlatformMBeanServer();
		ObjectName diagnostics = new ObjectName("com.sun.management:type=DiagnosticCommand");
		server.invoke(diagnostics, "jfrConfigure", new Object[] { options }, SIGNATURE);
	}

}
