package dev.jvmpprof.sample;

import java.util.Map;

import org.springframework.stereotype.Service;

import dev.jvmpprof.labels.PprofLabels;

/**
 * Prices an order, a few milliseconds of CPU; every tenth order is a gold customer's and costs three times as much.
 * The pricing runs in a {@link PprofLabels} block, so that {@code go tool pprof -tagfocus tier=gold} shows what gold
 * orders cost.
 */
@Service
public class OrderService {

	static final int ITEMS = 20;

	public Order place(long id) {
		String tier = (id % 10 == 0) ? "gold" : "standard";
		int items = tier.equals("gold") ? 3 * ITEMS : ITEMS;
		long[] total = new long[1];
		PprofLabels.run(Map.of("tier", tier), () -> total[0] = price(id, items));
		return new Order(id, tier, items, total[0]);
	}

	private static long price(long id, int items) {
		long total = 0;
		for (int item = 0; item < items; item++) {
			total += checksum(id * 31 + item);
		}
		return Math.floorMod(total, 10_000);
	}

	private static long checksum(long seed) {
		long x = seed | 1;
		for (int round = 0; round < 200_000; round++) {
			x ^= x << 13;
			x ^= x >>> 7;
			x ^= x << 17;
		}
		return x;
	}

	/**
	 * Response body: the order, its customer's tier, its number of items and its price in cents.
	 */
	public record Order(long id, String tier, int items, long cents) {
	}

}
