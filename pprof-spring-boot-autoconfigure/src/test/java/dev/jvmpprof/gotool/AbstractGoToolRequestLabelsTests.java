package dev.jvmpprof.gotool;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.jvmpprof.testing.GoTool;
import dev.jvmpprof.testing.GoTool.Result;
import dev.jvmpprof.testing.Http;
import dev.jvmpprof.testing.OrderRoutes;
import dev.jvmpprof.testing.RequestLoad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Go's client on a profile taken under load of two routes of known cost ({@link OrderRoutes}): {@code -tags} and
 * {@code -tagfocus} split the CPU by route as the routes counted it, and {@code -list} shows the hot line.
 */
abstract class AbstractGoToolRequestLabelsTests {

	// "  2.3s (67.85%): /orders/{id}" in -tags
	private static final Pattern ROUTE_SHARE = Pattern.compile("([0-9.]+)(m?s) \\(\\s*[0-9.]+%\\): (\\S+)");

	// "  2.76s 80.00% 80.00%  2.78s 81.00%  dev.jvmpprof.testing.OrderRoutes.burn" in -top: the flat time
	private static final Pattern TOP_ROW = Pattern.compile("(?m)^\\s*([0-9.]+)(m?s) .* (\\S+)$");

	@LocalServerPort
	private int port;

	private String base() {
		return "http://localhost:" + this.port;
	}

	@Test
	void cpuOfEachRouteShouldFollowItsCost() throws Exception {
		Result tags;
		Result orders;
		Result status;
		Result list;
		String profile = base() + "/actuator/pprof/profile?seconds=5";
		Path saved = Files.createTempFile("labels-", ".pb.gz");
		long ordersWork;
		long statusWork;
		try (RequestLoad load = RequestLoad.start(base(), 2, "/orders/{n}", "/status")) {
			await().atMost(Duration.ofSeconds(30)).until(() -> load.requests() >= 10);
			long ordersBefore = OrderRoutes.ordersBurnNanos();
			long statusBefore = OrderRoutes.statusBurnNanos();
			Files.write(saved, Http.get(profile).body());
			ordersWork = OrderRoutes.ordersBurnNanos() - ordersBefore;
			statusWork = OrderRoutes.statusBurnNanos() - statusBefore;
			assertThat(load.failures()).isZero();
		}
		try {
			tags = GoTool.pprof("-tags", saved.toString());
			orders = GoTool.pprof("-top", "-tagfocus", "http.route=/orders", saved.toString());
			status = GoTool.pprof("-top", "-tagfocus", "http.route=/status", saved.toString());
			list = GoTool.pprof("-list", "OrderRoutes.burn", "-source_path", "src/test/java", saved.toString());
		}
		finally {
			Files.delete(saved);
		}
		assertThat(tags.exitCode()).as(tags.stderr()).isZero();
		assertThat(tags.stdout()).contains("http.route:", "http.method:", "GET");
		assertThat(orders.stdout()).contains("OrderRoutes.placeOrder").doesNotContain("OrderRoutes.checkStatus");
		assertThat(status.stdout()).contains("OrderRoutes.checkStatus").doesNotContain("OrderRoutes.placeOrder");
		// The work alone, as each route's focus sees it, against the CPU time the routes counted for it: 3 to 1 once
		// compiled, more or less while the JIT still compiles or a request runs interpreted. Each side is a count of
		// 10 ms samples, whose relative spread is about one over its square root; a busy machine gives the process
		// fewer samples, so the bounds are 3.5 of those spreads, as wide as the samples it delivered make them.
		double heavy = seconds(orders.stdout(), TOP_ROW, "dev.jvmpprof.testing.OrderRoutes.burn");
		double light = seconds(status.stdout(), TOP_ROW, "dev.jvmpprof.testing.OrderRoutes.burn");
		double truth = (double) ordersWork / statusWork;
		String counted = String.format("counted %.2f s and %.2f s of work, %.2f to 1%n", ordersWork / 1e9,
				statusWork / 1e9, truth);
		assertThat(light).as("seconds of the lighter route's work, at least 20 samples").isGreaterThanOrEqualTo(0.2);
		double spread = Math.sqrt(0.01 / heavy + 0.01 / light);
		assertThat(heavy / light).as(counted + orders.stdout() + status.stdout())
			.isBetween(truth * (1 - 3.5 * spread), truth * (1 + 3.5 * spread));
		// Each route in full, its work plus the framework's cost of a request, the same for both: between one and the
		// work's ratio, and far from one (labels that mixed the routes would draw it there).
		double routeRatio = seconds(tags.stdout(), ROUTE_SHARE, "/orders/{id}")
				/ seconds(tags.stdout(), ROUTE_SHARE, "/status");
		assertThat(routeRatio).as(counted + tags.stdout()).isBetween(1.5, truth * (1 + 3.5 * spread));
		assertThat(list.stdout()).contains("ROUTINE ======================== dev.jvmpprof.testing.OrderRoutes.burn")
			.containsPattern("\\n +[0-9.]+m?s +[0-9.]+m?s +[0-9]+:\\s+sum \\+= Math.sqrt");
	}

	private static double seconds(String output, Pattern row, String name) {
		Matcher matcher = row.matcher(output);
		while (matcher.find()) {
			if (matcher.group(3).equals(name)) {
				double value = Double.parseDouble(matcher.group(1));
				return matcher.group(2).equals("ms") ? value / 1000 : value;
			}
		}
		throw new AssertionError("No " + name + " in:\n" + output);
	}

}
