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

	private volatile Thread monitorHolder;

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

	/**
	 * Holds the monitor, then lets another thread have it before taking it again. A monitor is not fair: the thread
	 * that leaves it runs on into the next {@code synchronized} before a woken waiter does, and can keep it for
	 * seconds. Flight Recorder writes a monitor wait when it ends, so a window in which one thread kept the monitor
	 * throughout held no monitor waits at all. Taking turns ends every wait within two holds.
	 */
	void holdMonitor() {
		synchronized (this.monitor) {
			this.monitorHolder = Thread.currentThread();
			sleep(20);
		}
		while (this.running && this.monitorHolder == Thread.currentThread()) {
			sleep(1);
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
