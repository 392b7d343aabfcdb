package dev.jvmpprof.sample;

import org.springframework.stereotype.Component;

/**
 * Counts primes by trial division, a deliberately CPU-bound hot path.
 */
@Component
public class PrimeSieve {

	/**
	 * Returns how many primes are at most {@code limit}.
	 */
	public int countPrimes(int limit) {
		int count = 0;
		for (int n = 2; n <= limit; n++) {
			if (isPrime(n)) {
				count++;
			}
		}
		return count;
	}

	// Trial division instead of a real sieve: the point is to burn CPU in one obvious frame.
	private static boolean isPrime(int n) {
		if (n < 4) {
			return n >= 2;
		}
		if (n % 2 == 0) {
			return false;
		}
		for (int d = 3; (long) d * d <= n; d += 2) {
			if (n % d == 0) {
				return false;
			}
		}
		return true;
	}
}
