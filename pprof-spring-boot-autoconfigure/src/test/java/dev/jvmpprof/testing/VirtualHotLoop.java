package dev.jvmpprof.testing;

import java.lang.reflect.InvocationTargetException;

/**
 * A known CPU workload on a virtual thread (Java 21+): one virtual thread named {@code virtual-hot-loop} spinning
 * in {@link #spin()}, a method of its own so that a profile's samples of it can only be the virtual thread's.
 * Compiled for Java 17, so virtual threads are made by reflection.
 */
public final class VirtualHotLoop implements AutoCloseable {

	private static volatile double sink;

	private final Thread thread;

	private volatile boolean running = true;

	private VirtualHotLoop() {
		this.thread = startVirtual("virtual-hot-loop", this::run);
	}

	/**
	 * Starts spinning on a virtual thread named {@code virtual-hot-loop}.
	 * @return the loop, to close when done
	 */
	public static VirtualHotLoop start() {
		return new VirtualHotLoop();
	}

	/**
	 * Starts a virtual thread: {@code Thread.ofVirtual().name(name).start(task)}.
	 * @param name the thread's name
	 * @param task what it runs
	 * @return the started thread
	 */
	static Thread startVirtual(String name, Runnable task) {
		try {
			Class<?> builderType = Class.forName("java.lang.Thread$Builder");
			Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
			builder = builderType.getMethod("name", String.class).invoke(builder, name);
			return (Thread) builderType.getMethod("start", Runnable.class).invoke(builder, task);
		}
		catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException
				| InvocationTargetException ex) {
			throw new IllegalStateException("Virtual threads need Java 21+, this is " + Runtime.version(), ex);
		}
	}

	private void run() {
		// A virtual thread is never preempted: it holds one carrier until the loop ends.
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
