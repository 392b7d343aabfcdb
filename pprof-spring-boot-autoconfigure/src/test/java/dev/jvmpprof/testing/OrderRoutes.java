package dev.jvmpprof.testing;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Two routes of known CPU cost, on Spring MVC and WebFlux alike: {@code /orders/{id}} burns three units of work,
 * {@code /status} one, so a profile labelled by route must split their CPU about 3 to 1.
 */
@RestController
public class OrderRoutes {

	/** One unit: a few milliseconds of CPU, so that each request's own cost in the framework weighs little. */
	private static final int UNIT = 1_000_000;

	private static volatile double sink;

	@GetMapping("/orders/{id}")
	public String placeOrder(@PathVariable String id) {
		burn(3);
		return id;
	}

	@GetMapping("/status")
	public String checkStatus() {
		burn(1);
		return "ok";
	}

	static void burn(int units) {
		double sum = 0;
		for (int i = 1; i < units * UNIT; i++) {
			sum += Math.sqrt(i) / i;
		}
		sink = sum;
	}

}
