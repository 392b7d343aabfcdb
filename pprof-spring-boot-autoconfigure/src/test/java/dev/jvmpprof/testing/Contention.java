package dev.jvmpprof.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A known lock workload: threads fighting over a monitor in {@link #holdMonitor()} and over a
 * {@link ReentrantLock} in {@link #holdLock()}, and one thread waiting on a latch in {@link #awaitLatch()}.
 */
public final class Contention implements AutoCloseable {

	private final Object monitor = new Object();

	private final ReentrantLock lock = new ReentrantLock();

	private final CountDownLatch latch = new CountDownLatch(1);

	private final List<Thread> threads = new ArrayList<>();

	private volatile boolean running = true;

	private Contention() {
		for (int i = 0; i < 3; i++) {
			start("monitor-" + i, this::holdMonitor);
			start("lock-" + i, this::holdLock);
		}
		start("latch-waiter", this::awaitLatch);
	}

	/**
	 * Starts the contending threads.
	 * @return the workload, to close when done
	 */
	public static Contention start() {
		return new Contention();
	}

	private void start(String name, Runnable work) {
		Thread thread = new Thread(() -> {
			while (this.running) {
				work.run();
			}
		}, name);
		thread.setDaemon(true);
		thread.start();
		this.threads.add(thread);
	}

	void holdMonitor() {
		synchronized (this.monitor) {
			sleep(20);
		}
	}

	void holdLock() {
		this.lock.lock();
		try {
			sleep(20);
		}
		finally {
			this.lock.unlock();
		}
	}

	void awaitLatch() {
		try {
			this.latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.latch.countDown();
		for (Thread thread : this.threads) {
			thread.join(5000);
		}
	}

}
