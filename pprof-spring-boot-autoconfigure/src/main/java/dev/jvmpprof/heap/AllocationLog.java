package dev.jvmpprof.heap;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import com.sun.management.HotSpotDiagnosticMXBean;

/**
 * The allocations of a few seconds, by type and time, kept only while a census waits for its marking: what the
 * young generation held when the marking counted it ({@link MarkingCensus}).
 *
 * <p>Why: G1's remark counts every object of the young generation as alive, garbage included, because the marking
 * does not look at it: 4-8 MiB of one type at each count of a service making 64 MiB of garbage a second, 50 MiB
 * where a thread made garbage as fast as it could ({@code MarkingCensusTests}). The samples of that garbage took
 * shares of their type at one count and, dead, gave them to the type's new samples at the next (the likely cause
 * of a leak of 40 MiB read as 58 once, not shown apart). The young generation at the count is what was allocated
 * since the young collection before it, the objects too large for it aside (G1 puts them in old regions of their
 * own).
 *
 * <p>Consecutive allocations of one type within {@link #MERGE_NANOS} are one entry, so that a thread allocating as
 * fast as it can does not fill the log before the marking comes; a span's ends are read to within that.
 */
final class AllocationLog {

	/** Ten seconds or more of entries, about 3 MB; beyond, the log stops growing. */
	private static final int CAPACITY = 100_000;

	/** Allocations of one type closer than this to an entry's time add to it: at most 10,000 entries a second. */
	static final long MERGE_NANOS = 100_000;

	private static final int INITIAL_CAPACITY = 1024;

	private final long largestYoungObject;

	private long[] times = new long[0];

	private String[] types = new String[0];

	private double[] objects = new double[0];

	private double[] bytes = new double[0];

	private int size;

	private volatile int open;

	/**
	 * Creates a log.
	 * @param largestYoungObject the size from which objects are not allocated in the young generation
	 */
	AllocationLog(long largestYoungObject) {
		this.largestYoungObject = largestYoungObject;
	}

	/**
	 * Creates a log for this JVM, whose collector puts objects of half a region or more in regions of their own.
	 * @return the log
	 */
	static AllocationLog ofThisJvm() {
		try {
			HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
			long regionSize = Long.parseLong(hotSpot.getVMOption("G1HeapRegionSize").getValue());
			return new AllocationLog((regionSize > 0) ? regionSize / 2 : Long.MAX_VALUE);
		}
		catch (RuntimeException ex) {
			return new AllocationLog(Long.MAX_VALUE);
		}
	}

	/**
	 * Tells whether an allocation would be kept, so that a caller reads its time only then.
	 * @return whether the log is open
	 */
	boolean isOpen() {
		return this.open > 0;
	}

	/**
	 * Starts keeping allocations, for one census; each call is matched by {@link #close()}.
	 */
	synchronized void open() {
		if (this.open++ == 0) {
			resize(INITIAL_CAPACITY);
			this.size = 0;
		}
	}

	/**
	 * Stops keeping allocations, and forgets them when no census waits.
	 */
	synchronized void close() {
		if (--this.open == 0) {
			this.size = 0;
			resize(0);
		}
	}

	private void resize(int capacity) {
		this.times = Arrays.copyOf(this.times, capacity);
		this.types = Arrays.copyOf(this.types, capacity);
		this.objects = Arrays.copyOf(this.objects, capacity);
		this.bytes = Arrays.copyOf(this.bytes, capacity);
	}

	/**
	 * Keeps an allocation estimate while the log is open.
	 * @param nanos when, in nanoseconds of the epoch
	 * @param type the type as Flight Recorder names it
	 * @param objectSize the size of one object
	 * @param count the objects the estimate stands for
	 */
	synchronized void add(long nanos, String type, long objectSize, double count) {
		if (this.open == 0 || objectSize >= this.largestYoungObject) {
			return;
		}
		int last = this.size - 1;
		if (last >= 0 && this.types[last].equals(type) && nanos >= this.times[last]
				&& nanos - this.times[last] < MERGE_NANOS) {
			this.objects[last] += count;
			this.bytes[last] += count * objectSize;
			return;
		}
		if (this.size == CAPACITY) {
			return;
		}
		if (this.size == this.times.length) {
			resize(Math.min(this.size * 2, CAPACITY));
		}
		this.times[this.size] = nanos;
		this.types[this.size] = type;
		this.objects[this.size] = count;
		this.bytes[this.size] = count * objectSize;
		this.size++;
	}

	/**
	 * Returns what was allocated in a span of time, by type.
	 * @param fromNanos the span's start, in nanoseconds of the epoch
	 * @param toNanos its end
	 * @return per Java type name ({@code byte[]}), {@code [objects, bytes]}
	 */
	synchronized Map<String, double[]> between(long fromNanos, long toNanos) {
		Map<String, double[]> byType = new HashMap<>();
		for (int i = 0; i < this.size; i++) {
			if (this.times[i] >= fromNanos && this.times[i] < toNanos) {
				double[] total = byType.computeIfAbsent(this.types[i], (type) -> new double[2]);
				total[0] += this.objects[i];
				total[1] += this.bytes[i];
			}
		}
		Map<String, double[]> byJavaName = new HashMap<>();
		byType.forEach((type, total) -> {
			double[] sum = byJavaName.computeIfAbsent(JavaTypes.javaName(type), (name) -> new double[2]);
			sum[0] += total[0];
			sum[1] += total[1];
		});
		return byJavaName;
	}

}
