package dev.jvmpprof.sample;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Serves {@code GET /primes}, the CPU hot path.
 */
@RestController
public class PrimeController {

	// Large enough to take seconds, small enough that one request cannot hog the box for minutes.
	static final int MAX_LIMIT = 5_000_000;

	// Long enough for every CPU command of the README's "try" list, typed by hand.
	static final int MAX_SECONDS = 600;

	private final PrimeSieve sieve;

	public PrimeController(PrimeSieve sieve) {
		this.sieve = sieve;
	}

	/**
	 * Counts the primes up to {@code limit}, once or, with {@code seconds}, over and over for that long, so that
	 * the load lasts as long as the profiles taken of it; a non-numeric value is rejected with 400 by Spring's type
	 * conversion.
	 */
	@GetMapping("/primes")
	public PrimeCount primes(@RequestParam(name = "limit", defaultValue = "200000") int limit,
			@RequestParam(name = "seconds", defaultValue = "0") int seconds) {
		if (limit < 0 || seconds < 0) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit and seconds must not be negative");
		}
		int capped = Math.min(limit, MAX_LIMIT);
		long deadline = System.nanoTime() + Math.min(seconds, MAX_SECONDS) * 1_000_000_000L;
		int rounds = 0;
		int primes;
		do {
			primes = sieve.countPrimes(capped);
			rounds++;
		}
		while (System.nanoTime() < deadline);
		return new PrimeCount(capped, primes, rounds);
	}

	/**
	 * Response body: the limit actually used, the number of primes found and how many times they were counted.
	 */
	public record PrimeCount(int limit, int primes, int rounds) {
	}
}
