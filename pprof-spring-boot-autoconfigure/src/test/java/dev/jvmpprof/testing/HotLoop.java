package dev.jvmpprof.testing;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;

import static org.awaitility.Awaitility.await;

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

	/**
	 * Waits until the loop has run on a CPU for {@code time} more: what a CPU profile samples, however busy the
	 * machine is, where a wall-clock wait gives the loop less CPU the busier it is.
	 * @param time the CPU time to wait for
	 */
	public void awaitCpuTime(Duration time) {
		Duration until = cpuTime().plus(time);
		await().atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofMillis(5))
			.until(() -> cpuTime().compareTo(until) >= 0);
	}

	/**
	 * Returns how long the loop has run on a CPU so far: what bounds the samples a CPU profile can take of it.
	 * @return the loop thread's CPU time
	 */
	public Duration cpuTime() {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		return Duration.ofNanos(threads.getThreadCpuTime(this.thread.getId()));
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
