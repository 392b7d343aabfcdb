package dev.jvmpprof.view;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.jvmpprof.testing.Browser;
import dev.jvmpprof.testing.DecodedProfile;
import dev.jvmpprof.testing.GzipMembers;
import dev.jvmpprof.testing.HotLoop;
import dev.jvmpprof.testing.RequestLoad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A profile's page in a real browser, headless Chromium, against the real server: the same tests for Spring MVC and
 * for WebFlux. Screenshots of each step are kept in {@code target/screenshots}.
 */
abstract class AbstractProfileViewBrowserTests {

	static final String HOT_METHOD = "dev.jvmpprof.testing.HotLoop.spin";

	/** A request's handler method, called through the server's and the framework's frames. */
	static final String ROUTE = "dev.jvmpprof.testing.OrderRoutes.placeOrder";

	/** The flame graph's row height in pixels. */
	static final int ROW = 18;

	static Browser browser;

	@LocalServerPort
	private int port;

	@BeforeAll
	static void startBrowser() {
		browser = Browser.start();
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.close();
		}
	}

	/** The screenshots' prefix, one per web stack. */
	abstract String stack();

	String url(String path) {
		return "http://localhost:" + this.port + "/actuator/pprof" + path;
	}

	@Test
	void cpuProfilePageShouldShowTheRecordingThenTheHotMethodInAFlameGraph() throws Exception {
		ChromeDriver driver = browser.driver();
		try (HotLoop loop = HotLoop.start()) {
			// Three seconds: past the first check that a servlet server makes of a window's client.
			driver.get(url("/profile?seconds=3"));
			assertThat(driver.getTitle()).isEqualTo("profile?seconds=3");
			WebElement progress = driver.findElement(By.id("progress"));
			assertThat(progress.isDisplayed()).isTrue();
			assertThat(progress.getText()).as(browser::console).contains("Recording for 3 s").containsPattern("[1-3] s left");
			browser.screenshot(stack() + "-profile-recording");
			awaitResult(driver);
		}
		assertThat(driver.findElement(By.id("progress")).isDisplayed()).isFalse();
		String summary = driver.findElement(By.id("summary")).getText();
		assertThat(summary).contains("Type", "cpu", "Duration", "Total", "Stacks");
		// go tool pprof's samples: each stands for one 10 ms interval of the CPU total, whatever the stacks.
		assertThat(10.0 * number(summary, "Samples")).as(summary).isCloseTo(millis(summary, "Total"), within(10.0));
		WebElement hot = hotFrame(driver);
		assertThat(hot.isDisplayed()).isTrue();
		int graphWidth = driver.findElement(By.id("flamegraph")).getRect().getWidth();
		assertThat(hot.getRect().getWidth()).as("the hot method's frame, of %d px", graphWidth)
			.isGreaterThan(graphWidth / 4);
		assertThat(hot.getText()).contains("HotLoop.spin");
		new Actions(driver).moveToElement(hot).perform();
		WebElement tooltip = driver.findElement(By.id("tooltip"));
		assertThat(tooltip.isDisplayed()).isTrue();
		assertThat(tooltip.getText()).contains(HOT_METHOD).containsPattern("[0-9.]+m?s \\([0-9.]+% of all\\)");
		browser.screenshot(stack() + "-profile-flamegraph");
		assertThat(driver.findElement(By.cssSelector("#top tbody tr td.name")).getText()).isEqualTo(HOT_METHOD);
	}

	@Test
	void requestCodeShouldBeOnTopUntilTheFrameworkFramesAreShown() throws Exception {
		ChromeDriver driver = browser.driver();
		try (RequestLoad load = RequestLoad.start("http://localhost:" + this.port, 2, "/orders/{n}")) {
			driver.get(url("/profile?seconds=2"));
			awaitResult(driver);
		}
		WebElement focus = driver.findElement(By.id("own-code"));
		assertThat(focus.isSelected()).as("focused on the application's code by default").isTrue();
		assertThat(depth(frame(driver, ROUTE))).as("the handler's depth below all").isEqualTo(1);
		browser.screenshot(stack() + "-profile-own-code");
		focus.click();
		assertThat(depth(frame(driver, ROUTE))).as("the handler's depth in the whole stack").isGreaterThan(10);
		assertThat(driver.findElements(By.cssSelector("#flamegraph .frame")))
			.extracting((frame) -> frame.getAttribute("data-name"))
			.anyMatch((name) -> name.startsWith("org.springframework.web."));
		browser.screenshot(stack() + "-profile-full-stacks");
		focus.click();
		assertThat(depth(frame(driver, ROUTE))).isEqualTo(1);
	}

	@Test
	void searchShouldHighlightTheMatchingFramesAndTheirShare() throws Exception {
		ChromeDriver driver = browser.driver();
		try (HotLoop loop = HotLoop.start()) {
			driver.get(url("/profile?seconds=2"));
			awaitResult(driver);
		}
		driver.findElement(By.id("search")).sendKeys("HotLoop.spin");
		assertThat(hotFrame(driver).getAttribute("class")).contains("match");
		List<WebElement> dimmed = driver.findElements(By.cssSelector("#flamegraph .frame.dim"));
		assertThat(dimmed).isNotEmpty().allSatisfy((frame) -> assertThat(frame.getAttribute("data-name"))
			.doesNotContain("HotLoop.spin"));
		String matched = driver.findElement(By.id("matched")).getText();
		assertThat(matched).matches("Matched: [0-9.]+m?s \\([0-9.]+%\\)");
		double share = Double.parseDouble(matched.replaceAll(".*\\(([0-9.]+)%\\)", "$1"));
		assertThat(share).as("the hot method's share").isBetween(30.0, 100.0);
		browser.screenshot(stack() + "-profile-search");
	}

	@Test
	void clickOnAFrameShouldZoomItToTheFullWidth() throws Exception {
		ChromeDriver driver = browser.driver();
		// A second busy thread elsewhere, so that the hot method has a part of the graph and not all of it.
		try (HotLoop loop = HotLoop.start(); OtherLoop other = new OtherLoop()) {
			driver.get(url("/profile?seconds=2"));
			awaitResult(driver);
		}
		WebElement graph = driver.findElement(By.id("flamegraph"));
		int fullWidth = driver.findElement(By.cssSelector("#flamegraph .frame.focus")).getRect().getWidth();
		assertThat(graph.getRect().getWidth() - fullWidth).as("the graph's borders").isLessThanOrEqualTo(2);
		WebElement hot = hotFrame(driver);
		assertThat(hot.getRect().getWidth()).isLessThan(fullWidth - 20);
		hot.click();
		WebElement focus = driver.findElement(By.cssSelector("#flamegraph .frame.focus"));
		assertThat(focus.getAttribute("data-name")).isEqualTo(HOT_METHOD);
		// Measured again: a graph of another height may bring or take away the page's scroll bar.
		int zoomedWidth = graph.getRect().getWidth();
		assertThat(zoomedWidth - focus.getRect().getWidth()).as("the zoomed frame's margin").isBetween(0, 2);
		assertThat(driver.findElements(By.cssSelector("#flamegraph .frame.ancestor"))).isNotEmpty()
			.allSatisfy((frame) -> assertThat(frame.getRect().getWidth()).isEqualTo(focus.getRect().getWidth()));
		browser.screenshot(stack() + "-profile-zoomed");
		driver.findElement(By.id("reset-zoom")).click();
		assertThat(driver.findElement(By.cssSelector("#flamegraph .frame.focus")).getAttribute("data-name"))
			.isEqualTo("all");
	}

	@Test
	void downloadLinkShouldSaveTheProfileThePageShows() throws Exception {
		ChromeDriver driver = browser.driver();
		try (HotLoop loop = HotLoop.start()) {
			driver.get(url("/profile?seconds=3"));
			awaitResult(driver);
		}
		WebElement download = driver.findElement(By.id("download"));
		assertThat(download.getAttribute("href")).startsWith("blob:");
		assertThat(download.getAttribute("download")).isEqualTo("profile");
		download.click();
		byte[] saved = Files.readAllBytes(browser.awaitDownload("profile", Duration.ofSeconds(10)));
		assertThat(saved[0] & 0xff).isEqualTo(0x1f);
		assertThat(saved[1] & 0xff).isEqualTo(0x8b);
		assertThat(GzipMembers.count(saved)).isOne();
		DecodedProfile profile = DecodedProfile.decode(saved);
		assertThat(profile.sampleTypes()).containsExactly("samples/count", "cpu/nanoseconds");
		assertThat(profile.sumWhereStackContains(0, HOT_METHOD)).isPositive();
		Files.delete(Path.of(browser.awaitDownload("profile", Duration.ofSeconds(1)).toString()));
	}

	/** A CPU-bound thread in a method of its own, beside {@link HotLoop}. */
	static final class OtherLoop implements AutoCloseable {

		private static volatile long sink;

		private volatile boolean running = true;

		private final Thread thread = new Thread(this::run, "other-loop");

		OtherLoop() {
			this.thread.setDaemon(true);
			this.thread.start();
		}

		private void run() {
			while (this.running) {
				elsewhere();
			}
		}

		private static void elsewhere() {
			long hash = 17;
			for (int i = 0; i < 200_000; i++) {
				hash = hash * 31 + i;
			}
			sink = hash;
		}

		@Override
		public void close() throws InterruptedException {
			this.running = false;
			this.thread.join(5000);
		}

	}

	static void awaitResult(ChromeDriver driver) {
		WebElement body = driver.findElement(By.tagName("body"));
		new WebDriverWait(driver, Duration.ofSeconds(60))
			.until((d) -> !"loading".equals(body.getAttribute("data-state")));
		assertThat(body.getAttribute("data-state"))
			.as(() -> "the page's error: " + driver.findElement(By.id("error-text")).getText() + "\nconsole:\n"
					+ browser.console())
			.isEqualTo("done");
	}

	static WebElement hotFrame(ChromeDriver driver) {
		return frame(driver, HOT_METHOD);
	}

	static WebElement frame(ChromeDriver driver, String name) {
		return driver.findElements(By.cssSelector("#flamegraph .frame"))
			.stream()
			.filter((frame) -> name.equals(frame.getAttribute("data-name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no frame of " + name + "; console:\n" + browser.console()));
	}

	static int depth(WebElement frame) {
		return Integer.parseInt(frame.getCssValue("top").replace("px", "")) / ROW;
	}

	/** A whole number from the page's summary, such as {@code Samples 123}. */
	static long number(String summary, String term) {
		Matcher matcher = Pattern.compile(term + "\\s+([0-9,]+)").matcher(summary);
		assertThat(matcher.find()).as("%s in %s", term, summary).isTrue();
		return Long.parseLong(matcher.group(1).replace(",", ""));
	}

	/** A time from the page's summary in milliseconds, such as {@code Total 1.23s}. */
	static double millis(String summary, String term) {
		Matcher matcher = Pattern.compile(term + "\\s+([0-9.]+)(ms|s)\\b").matcher(summary);
		assertThat(matcher.find()).as("%s in %s", term, summary).isTrue();
		return Double.parseDouble(matcher.group(1)) * ("s".equals(matcher.group(2)) ? 1000 : 1);
	}

}
