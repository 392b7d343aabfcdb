package dev.jvmpprof.sample;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Serves {@code GET /inventory/reserve}, the lock contention hot path.
 */
@RestController
public class InventoryController {

	static final int MAX_THREADS = 64;

	// Long enough for a lock profile to catch the waiting, short enough for an interactive request.
	static final long DEFAULT_DURATION_MILLIS = 200;

	// Long enough for the lock commands of the README's "try" list, typed by hand.
	static final int MAX_SECONDS = 600;

	private final Inventory inventory;

	public InventoryController(Inventory inventory) {
		this.inventory = inventory;
	}

	/**
	 * Has {@code threads} threads reserve stock from the one shared {@link Inventory} for about 200 ms or, with
	 * {@code seconds}, for that long, so that the contention lasts as long as the profiles taken of it.
	 */
	@GetMapping("/inventory/reserve")
	public ReservationResult reserve(@RequestParam(name = "threads", defaultValue = "4") int threads,
			@RequestParam(name = "seconds", defaultValue = "0") int seconds) throws InterruptedException {
		if (threads < 1 || seconds < 0) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"threads must be at least 1 and seconds not negative");
		}
		long durationNanos = (seconds > 0) ? Math.min(seconds, MAX_SECONDS) * 1_000_000_000L
				: DEFAULT_DURATION_MILLIS * 1_000_000;
		int workerCount = Math.min(threads, MAX_THREADS);
		long[] perThread = new long[workerCount];
		// Release all workers at once so they actually contend instead of running one after another.
		CountDownLatch start = new CountDownLatch(1);
		Thread[] workers = new Thread[workerCount];
		for (int i = 0; i < workerCount; i++) {
			int index = i;
			workers[i] = new Thread(() -> {
				try {
					start.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				long deadline = System.nanoTime() + durationNanos;
				while (System.nanoTime() < deadline) {
					inventory.reserve();
					perThread[index]++;
				}
			}, "inventory-worker-" + i);
			workers[i].start();
		}
		start.countDown();
		for (Thread worker : workers) {
			worker.join();
		}
		// join() makes the workers' writes to perThread visible here.
		return new ReservationResult(workerCount, Arrays.stream(perThread).sum(), perThread, inventory.reserved());
	}

	/**
	 * Response body: reservations made by this request, per thread and in total, plus the running total.
	 */
	public record ReservationResult(int threads, long reservations, long[] perThread, long totalReserved) {
	}
}
