package dev.jvmpprof.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import static org.awaitility.Awaitility.await;

/**
 * A lock workload of a known number of waits: {@code waiters} threads each enter a monitor once in
 * {@link #enterMonitor()} and take a {@link ReentrantLock} once in {@link #takeLock()}, while another thread holds
 * both until every waiter waits, and 20 ms more, so that every wait is contended and longer than 1 ms.
 */
public final class CountedContention {

	private static final AtomicLong waits = new AtomicLong();

	private final Object monitor = new Object();

	private final ReentrantLock lock = new ReentrantLock();

	private CountedContention() {
	}

	/**
	 * Runs the workload to its end.
	 * @param waiters how many threads wait for the monitor, and how many for the lock
	 * @throws InterruptedException if interrupted
	 */
	public static void run(int waiters) throws InterruptedException {
		new CountedContention().contend(waiters);
		waits.addAndGet(waiters);
	}

	/**
	 * Returns how many threads waited for the monitor, and how many for the lock, in every run in this JVM so far.
	 * @return the waits of each kind
	 */
	public static long waitsSoFar() {
		return waits.get();
	}

	private void contend(int waiters) throws InterruptedException {
		List<Thread> threads = new ArrayList<>();
		synchronized (this.monitor) {
			this.lock.lock();
			try {
				for (int i = 0; i < waiters; i++) {
					threads.add(start("monitor-waiter-" + i, this::enterMonitor));
					threads.add(start("lock-waiter-" + i, this::takeLock));
				}
				await().atMost(Duration.ofSeconds(30))
					.pollInterval(Duration.ofMillis(5))
					.until(() -> blockedOnMonitor(threads) >= waiters && this.lock.getQueueLength() >= waiters);
				// Every waiter now waits; holding on makes each wait outlast the recording's threshold (1 ms).
				Thread.sleep(20);
			}
			finally {
				this.lock.unlock();
			}
		}
		for (Thread thread : threads) {
			thread.join(30_000);
		}
	}

	private static long blockedOnMonitor(List<Thread> threads) {
		return threads.stream().filter((thread) -> thread.getState() == Thread.State.BLOCKED).count();
	}

	private static Thread start(String name, Runnable work) {
		Thread thread = new Thread(work, name);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	void enterMonitor() {
		synchronized (this.monitor) {
			Thread.onSpinWait();
		}
	}

	void takeLock() {
		this.lock.lock();
		this.lock.unlock();
	}

}
