package dev.jvmpprof.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A known virtual thread workload (Java 21+): N virtual threads named {@code PREFIX-i}, all parked in
 * {@link #parkHere}, the stack a goroutine profile must show as one sample of N in state {@code WAITING}.
 */
public final class ParkedVirtualThreads implements AutoCloseable {

	private final CountDownLatch release = new CountDownLatch(1);

	private final List<Thread> threads = new ArrayList<>();

	private ParkedVirtualThreads(String prefix, int count) throws InterruptedException {
		CountDownLatch parked = new CountDownLatch(count);
		for (int i = 0; i < count; i++) {
			this.threads.add(VirtualHotLoop.startVirtual(prefix + "-" + i, () -> parkHere(parked, this.release)));
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
	 * Starts {@code count} virtual threads parked in {@link #parkHere}.
	 * @param prefix the thread name prefix
	 * @param count the number of threads
	 * @return the threads, to close when done
	 */
	public static ParkedVirtualThreads start(String prefix, int count) throws InterruptedException {
		return new ParkedVirtualThreads(prefix, count);
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
