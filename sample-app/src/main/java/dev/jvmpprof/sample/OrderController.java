package dev.jvmpprof.sample;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves {@code GET /orders/{id}}, a route with a path variable: CPU profiles label its samples
 * {@code http.route=/orders/{id}}, whatever the id.
 */
@RestController
public class OrderController {

	private final OrderService orders;

	public OrderController(OrderService orders) {
		this.orders = orders;
	}

	@GetMapping("/orders/{id}")
	public OrderService.Order order(@PathVariable long id) {
		return this.orders.place(id);
	}

}
