package dev.jvmpprof.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A known thread workload: N threads named {@code PREFIX-i}, platform or virtual, all parked in {@link #parkHere},
 * the stack a goroutine profile must show as one sample of N threads in state {@code WAITING}.
 */
public final class ParkedThreads implements AutoCloseable {

	private final CountDownLatch release = new CountDownLatch(1);

	private final List<Thread> threads = new ArrayList<>();

	private ParkedThreads(String prefix, int count, boolean virtual) throws InterruptedException {
		CountDownLatch parked = new CountDownLatch(count);
		for (int i = 0; i < count; i++) {
			String name = prefix + "-" + i;
			Runnable park = () -> parkHere(parked, this.release);
			this.threads.add(virtual ? VirtualHotLoop.startVirtual(name, park) : startDaemon(name, park));
		}
		parked.await(5, TimeUnit.SECONDS);
		// Counting down happens just before parking: wait until each thread is really parked.
		for (Thread thread : this.threads) {
			while (thread.getState() != Thread.State.WAITING) {
				Thread.sleep(1);
			}
		}
	}

	/**
	 * Starts {@code count} threads parked in {@link #parkHere}.
	 * @param prefix the thread name prefix
	 * @param count the number of threads
	 * @return the threads, to close when done
	 */
	public static ParkedThreads start(String prefix, int count) throws InterruptedException {
		return new ParkedThreads(prefix, count, false);
	}

	/**
	 * Starts {@code count} virtual threads (Java 21+) parked in {@link #parkHere}.
	 * @param prefix the thread name prefix
	 * @param count the number of threads
	 * @return the threads, to close when done
	 */
	public static ParkedThreads startVirtual(String prefix, int count) throws InterruptedException {
		return new ParkedThreads(prefix, count, true);
	}

	private static Thread startDaemon(String name, Runnable task) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	public List<Thread> threads() {
		return this.threads;
	}

	static void parkHere(CountDownLatch parked, CountDownLatch release) {
		parked.countDown();
		try {
			release.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.release.countDown();
		for (Thread thread : this.threads) {
			thread.join(5000);
		}
	}

}
