package dev.jvmpprof.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A known memory workload: {@link #keep} holds a given number of MiB alive in {@code long[]} chunks, and
 * {@link #churn} allocates garbage that dies at once. A heap profile must put the live bytes at {@code keep} and
 * the allocated bytes mostly at {@code churn}.
 */
public final class HeapHoard implements AutoCloseable {

	private static volatile Object sink;

	private final List<long[]> kept = new ArrayList<>();

	private HeapHoard() {
	}

	/**
	 * Keeps {@code mebibytes} MiB alive in chunks of {@code chunkBytes} (array header included) until closed.
	 * @param mebibytes how much to keep
	 * @param chunkBytes the size of each array, a multiple of 8 from 24 on
	 * @return the hoard
	 */
	public static HeapHoard keep(int mebibytes, int chunkBytes) {
		HeapHoard hoard = new HeapHoard();
		int chunks = (int) ((long) mebibytes * 1024 * 1024 / chunkBytes);
		for (int i = 0; i < chunks; i++) {
			hoard.kept.add(new long[(chunkBytes - 16) / 8]);
		}
		return hoard;
	}

	/**
	 * Allocates about {@code bytes} of short-lived garbage.
	 * @param bytes how much to allocate
	 */
	public static void churn(long bytes) {
		for (long allocated = 0; allocated < bytes; allocated += 1024 + 56) {
			sink = new byte[1008];
			sink = new StringBuilder(16).append(allocated);
		}
	}

	/**
	 * Allocates short-lived garbage for about {@code duration}, long enough for many new allocation buffers, where
	 * allocations are sampled.
	 * @param duration how long to allocate
	 */
	public static void churnFor(Duration duration) {
		long end = System.nanoTime() + duration.toNanos();
		while (System.nanoTime() < end) {
			churn(8L << 20);
		}
	}

	@Override
	public void close() {
		this.kept.clear();
	}

}
