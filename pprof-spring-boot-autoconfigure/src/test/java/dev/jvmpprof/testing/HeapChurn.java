package dev.jvmpprof.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * A steady allocation workload, about 10 MB a second of 1 KiB arrays kept for a tenth of a second, so that every
 * {@code allocs} answer has grown and live samples come and go.
 */
public final class HeapChurn implements AutoCloseable {

	private final Thread thread;

	private HeapChurn() {
		this.thread = new Thread(HeapChurn::run, "heap-churn");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/**
	 * Starts allocating on a thread named {@code heap-churn}.
	 * @return the workload, to close when done
	 */
	public static HeapChurn start() {
		return new HeapChurn();
	}

	private static void run() {
		List<byte[]> kept = new ArrayList<>();
		while (!Thread.currentThread().isInterrupted()) {
			kept.add(new byte[1024]);
			if (kept.size() == 1000) {
				kept = new ArrayList<>();
				try {
					Thread.sleep(100);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.thread.interrupt();
		this.thread.join(5000);
	}

}
