package dev.jvmpprof.gotool;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.jvmpprof.testing.GoTool;
import dev.jvmpprof.testing.GoTool.Result;
import dev.jvmpprof.testing.Http;
import dev.jvmpprof.testing.RequestLoad;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Go's client on a profile taken under load of two routes of known cost ({@link dev.jvmpprof.testing.OrderRoutes}):
 * {@code -tags} and {@code -tagfocus} split the CPU by route as the routes' costs do, and {@code -list} shows the hot
 * line.
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
		try (RequestLoad load = RequestLoad.start(base(), 2, "/orders/{n}", "/status")) {
			// Past the first compilations of the routes, which would count against whichever ran first.
			Thread.sleep(2000);
			Files.write(saved, Http.get(profile).body());
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
		// Three units of work against one, plus each request's own cost in the framework, the same for both. The
		// bounds are about three standard deviations of a 5 s profile: the lighter route has some 150 samples of
		// burn, so the ratio moves by about 9% from run to run (3.66 has been seen on a busy machine).
		double routeRatio = seconds(tags.stdout(), ROUTE_SHARE, "/orders/{id}")
				/ seconds(tags.stdout(), ROUTE_SHARE, "/status");
		assertThat(routeRatio).as(tags.stdout()).isBetween(2.0, 3.9);
		assertThat(orders.stdout()).contains("OrderRoutes.placeOrder").doesNotContain("OrderRoutes.checkStatus");
		assertThat(status.stdout()).contains("OrderRoutes.checkStatus").doesNotContain("OrderRoutes.placeOrder");
		// The work alone, as each route's focus sees it: 3 to 1. Each side is a count of 10 ms samples, whose relative
		// spread is about one over its square root; a busy machine gives the process fewer samples, so the bounds are
		// 3.5 of those spreads from 3, as wide as the samples it delivered make them (2.0-4.0 for the 150 samples of
		// the lighter route that a quiet machine gives; 4.13 was seen with 30).
		double heavy = seconds(orders.stdout(), TOP_ROW, "dev.jvmpprof.testing.OrderRoutes.burn");
		double light = seconds(status.stdout(), TOP_ROW, "dev.jvmpprof.testing.OrderRoutes.burn");
		assertThat(light).as("seconds of the lighter route's work, at least 20 samples").isGreaterThanOrEqualTo(0.2);
		double spread = Math.sqrt(0.01 / heavy + 0.01 / light);
		assertThat(heavy / light).as(orders.stdout() + status.stdout())
			.isBetween(3 * (1 - 3.5 * spread), 3 * (1 + 3.5 * spread));
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
