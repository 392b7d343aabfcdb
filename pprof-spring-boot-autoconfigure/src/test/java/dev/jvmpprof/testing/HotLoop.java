package dev.jvmpprof.testing;

/**
 * A known CPU workload: one thread spinning in {@link #spin()}, the method a CPU profile must show on top.
 */
public final class HotLoop implements AutoCloseable {

	private static volatile double sink;

	private final Thread thread;

	private volatile boolean running = true;

	private HotLoop() {
		this.thread = new Thread(this::run, "hot-loop");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/**
	 * Starts spinning on a thread named {@code hot-loop}.
	 * @return the loop, to close when done
	 */
	public static HotLoop start() {
		return new HotLoop();
	}

	private void run() {
		while (this.running) {
			spin();
		}
	}

	static void spin() {
		double sum = 0;
		for (int i = 1; i < 200_000; i++) {
			sum += Math.sqrt(i) / i;
		}
		sink = sum;
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.thread.join(5000);
	}

}
