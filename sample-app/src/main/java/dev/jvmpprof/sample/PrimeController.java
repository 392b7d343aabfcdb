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

	private final PrimeSieve sieve;

	public PrimeController(PrimeSieve sieve) {
		this.sieve = sieve;
	}

	/**
	 * Counts the primes up to {@code limit}; a non-numeric limit is rejected with 400 by Spring's type conversion.
	 */
	@GetMapping("/primes")
	public PrimeCount primes(@RequestParam(name = "limit", defaultValue = "200000") int limit) {
		if (limit < 0) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must not be negative");
		}
		int capped = Math.min(limit, MAX_LIMIT);
		return new PrimeCount(capped, sieve.countPrimes(capped));
	}

	/**
	 * Response body: the limit actually used and the number of primes found.
	 */
	public record PrimeCount(int limit, int primes) {
	}
}
