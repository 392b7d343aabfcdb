package dev.jvmpprof.sample;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.springframework.stereotype.Component;

/**
 * Builds a plain-text order report, a deliberately allocation-heavy hot path.
 */
@Component
public class ReportBuilder {

	private static final String[] CUSTOMERS = {"acme", "globex", "initech", "umbrella", "hooli", "stark", "wayne"};

	/**
	 * Returns a report of {@code rows} synthetic orders, sorted by descending total.
	 */
	public String build(int rows) {
		// Fixed seed: identical requests do identical work, which keeps profiles comparable.
		Random random = new Random(42);
		List<Order> orders = new ArrayList<>(rows);
		for (int i = 0; i < rows; i++) {
			orders.add(new Order(i, CUSTOMERS[random.nextInt(CUSTOMERS.length)],
					"SKU-" + random.nextInt(10_000), 1 + random.nextInt(20), random.nextInt(100_000) / 100.0));
		}
		orders.sort(Comparator.comparingDouble(Order::total).reversed().thenComparingLong(Order::id));

		// String.format per row is slow and garbage-heavy on purpose; that is what the allocation profile should show.
		List<String> lines = new ArrayList<>(rows);
		double grandTotal = 0;
		for (Order order : orders) {
			lines.add(String.format(Locale.ROOT, "%08d  %-10s %-10s %4d x %9.2f = %12.2f",
					order.id(), order.customer(), order.sku(), order.quantity(), order.unitPrice(), order.total()));
			grandTotal += order.total();
		}

		StringBuilder report = new StringBuilder();
		report.append(String.format(Locale.ROOT, "%-8s  %-10s %-10s %4s   %9s   %12s%n",
				"order", "customer", "sku", "qty", "price", "total"));
		for (String line : lines) {
			report.append(line).append('\n');
		}
		report.append(String.format(Locale.ROOT, "%d orders, grand total %.2f%n", rows, grandTotal));
		return report.toString();
	}

	private record Order(long id, String customer, String sku, int quantity, double unitPrice) {

		double total() {
			return quantity * unitPrice;
		}
	}
}
