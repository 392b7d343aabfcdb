package dev.jvmpprof.sample;

import org.springframework.stereotype.Component;

/**
 * Single shared stock ledger guarded by its own monitor, a deliberately contended lock.
 */
@Component
public class Inventory {

	private static final int RESTOCK_QUANTITY = 1_000;

	// Stands in for per-item bookkeeping so the lock is held long enough to be contended.
	private final long[] ledger = new long[512];

	private int stock = RESTOCK_QUANTITY;

	private long reserved;

	/**
	 * Reserves one unit, restocking when empty, and returns the total reserved so far.
	 */
	public synchronized long reserve() {
		if (stock == 0) {
			stock = RESTOCK_QUANTITY;
		}
		stock--;
		reserved++;
		// Work done while holding the monitor: this is what makes the other threads queue up.
		long carry = reserved;
		for (int i = 0; i < ledger.length; i++) {
			carry = carry * 31 + ledger[i];
			ledger[i] = carry;
		}
		return reserved;
	}

	/**
	 * Returns the total number of units reserved since startup.
	 */
	public synchronized long reserved() {
		return reserved;
	}
}
