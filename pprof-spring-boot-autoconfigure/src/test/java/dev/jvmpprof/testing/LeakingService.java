package dev.jvmpprof.testing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A service with a memory leak beside a cache that only looks like one: it leaks 1 KiB records through {@link #leak}
 * at 1 MiB a second, keeps a cache of 64 KiB chunks bounded at 64 MiB through {@link #cache} (16 MiB a second of new
 * chunks, the oldest dropped, so the whole cache is replaced every four seconds), and makes 64 MiB a second of
 * garbage through {@link #serve}. It counts what it leaked, so a heap profile can be checked against the truth.
 */
public final class LeakingService implements AutoCloseable {

	/** The cache's bound: 64 MiB in 64 KiB chunks. */
	public static final int CACHE_CHUNKS = 1024;

	private static final int RECORD_BYTES = 1024;

	private static final int CHUNK_BYTES = 64 * 1024;

	private static volatile Object sink;

	private final List<byte[]> leaked = new ArrayList<>();

	private final Deque<long[]> cached = new ArrayDeque<>();

	private final AtomicLong leakedBytes = new AtomicLong();

	private final Thread thread;

	private LeakingService() {
		this.thread = new Thread(this::run, "leaking-service");
		this.thread.setDaemon(true);
	}

	/**
	 * Starts the service with its cache already full, as a service that has warmed up.
	 * @return the running service, to close when done
	 */
	public static LeakingService start() {
		LeakingService service = new LeakingService();
		for (int i = 0; i < CACHE_CHUNKS; i++) {
			service.cache();
		}
		service.thread.start();
		return service;
	}

	/**
	 * Returns how many bytes the service has leaked so far, array headers included.
	 * @return the bytes
	 */
	public long leakedBytes() {
		return this.leakedBytes.get();
	}

	private void run() {
		// 1,024 ticks a second, in steps of 16: each leaks a 1 KiB record, replaces 16 KiB of the cache on average and
		// makes 64 KiB of garbage.
		long next = System.nanoTime();
		while (!Thread.currentThread().isInterrupted()) {
			for (int i = 0; i < 16; i++) {
				leak();
				if (i % 4 == 0) {
					cache();
				}
				serve();
			}
			next += 16_000_000_000L / 1024;
			long wait = next - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
		}
	}

	private void leak() {
		byte[] record = new byte[RECORD_BYTES - 16];
		synchronized (this.leaked) {
			this.leaked.add(record);
		}
		this.leakedBytes.addAndGet(RECORD_BYTES);
	}

	private void cache() {
		this.cached.addLast(new long[(CHUNK_BYTES - 16) / 8]);
		if (this.cached.size() > CACHE_CHUNKS) {
			this.cached.removeFirst();
		}
	}

	private static void serve() {
		for (int i = 0; i < 64; i++) {
			sink = new byte[1008];
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.thread.interrupt();
		this.thread.join(5000);
	}

}
