package dev.jvmpprof.testing;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.atomic.LongAdder;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Two routes of known CPU cost, on Spring MVC and WebFlux alike: {@code /orders/{id}} burns three units of work,
 * {@code /status} one, so a profile labelled by route must split their CPU about 3 to 1. Each route counts the CPU
 * time its work took, the truth a profile of it is compared with: while methods are still being compiled a unit
 * costs more in some requests than in others.
 */
@RestController
public class OrderRoutes {

	/** One unit: a few milliseconds of CPU, so that each request's own cost in the framework weighs little. */
	private static final int UNIT = 1_000_000;

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private static final LongAdder ORDERS_BURN_NANOS = new LongAdder();

	private static final LongAdder STATUS_BURN_NANOS = new LongAdder();

	private static volatile double sink;

	@GetMapping("/orders/{id}")
	public String placeOrder(@PathVariable String id) {
		work(3, ORDERS_BURN_NANOS);
		return id;
	}

	@GetMapping("/status")
	public String checkStatus() {
		work(1, STATUS_BURN_NANOS);
		return "ok";
	}

	/**
	 * Returns the CPU time that the work of {@code /orders/{id}} has taken so far, in all requests.
	 * @return the thread CPU time spent in its {@code burn}, in nanoseconds
	 */
	public static long ordersBurnNanos() {
		return ORDERS_BURN_NANOS.sum();
	}

	/**
	 * Returns the CPU time that the work of {@code /status} has taken so far, in all requests.
	 * @return the thread CPU time spent in its {@code burn}, in nanoseconds
	 */
	public static long statusBurnNanos() {
		return STATUS_BURN_NANOS.sum();
	}

	private static void work(int units, LongAdder cpuNanos) {
		long start = THREADS.getCurrentThreadCpuTime();
		burn(units);
		cpuNanos.add(THREADS.getCurrentThreadCpuTime() - start);
	}

	static void burn(int units) {
		double sum = 0;
		for (int i = 1; i < units * UNIT; i++) {
			sum += Math.sqrt(i) / i;
		}
		sink = sum;
	}

}
