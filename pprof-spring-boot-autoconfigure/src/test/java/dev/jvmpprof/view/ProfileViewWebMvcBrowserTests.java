package dev.jvmpprof.view;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import dev.jvmpprof.testing.HeapHoard;
import dev.jvmpprof.testing.OrderRoutes;
import dev.jvmpprof.testing.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = { TestApplication.class, OrderRoutes.class }, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "management.endpoints.web.exposure.include=pprof")
class ProfileViewWebMvcBrowserTests extends AbstractProfileViewBrowserTests {

	private static final String BEFORE_SAMPLING = "[allocated before sampling started]";

	@Override
	String stack() {
		return "mvc";
	}

	@Test
	void heapPageShouldSwitchBetweenItsSampleTypes() {
		ChromeDriver driver = browser.driver();
		try (HeapHoard hoard = HeapHoard.keep(16, 64 * 1024)) {
			driver.get(url("/heap"));
			awaitResult(driver);
		}
		Select sampleType = new Select(driver.findElement(By.id("sample-type")));
		assertThat(sampleType.getOptions()).extracting(WebElement::getText).containsExactly("alloc_objects (count)",
				"alloc_space (bytes)", "inuse_objects (count)", "inuse_space (bytes)");
		assertThat(sampleType.getFirstSelectedOption().getText()).as("Go's default for heap, the last type")
			.isEqualTo("inuse_space (bytes)");
		WebElement summary = driver.findElement(By.id("summary"));
		assertThat(summary.getText()).contains("inuse_space").containsPattern("Total\\s+[0-9.]+[kMG]?B");
		// Which live objects the leak profiler keeps samples of varies with what ran before: the hoard need not show.
		List<String> names = frameNames(driver);
		assertThat(names).isNotEmpty();
		if (names.stream().anyMatch((name) -> !name.equals("all") && !name.startsWith("["))) {
			// What the heap held before sampling started has no stack: it is left out, so the stacks fill the graph.
			assertThat(summary.getText())
				.containsPattern("Not in the graph\\s+[0-9.]+[kMG]?B \\([0-9.]+%\\) at no stack");
			assertThat(names).doesNotContain(BEFORE_SAMPLING);
		}
		else {
			// Nothing live has a stack yet: what has none is the graph rather than an empty one.
			assertThat(names).contains(BEFORE_SAMPLING);
			assertThat(summary.getText()).doesNotContain("Not in the graph");
		}
		browser.screenshot(stack() + "-heap-inuse-space");
		driver.findElement(By.id("own-code")).click();
		assertThat(frameNames(driver)).contains(BEFORE_SAMPLING);
		assertThat(summary.getText()).doesNotContain("Not in the graph");
		browser.screenshot(stack() + "-heap-inuse-space-whole");
		driver.findElement(By.id("own-code")).click();
		sampleType.selectByVisibleText("alloc_objects (count)");
		assertThat(summary.getText()).contains("alloc_objects").containsPattern("Total\\s+[0-9,]+(\\s|$)");
		assertThat(driver.findElements(By.cssSelector("#flamegraph .frame"))).isNotEmpty();
		browser.screenshot(stack() + "-heap-alloc-objects");
		driver.get(url("/allocs"));
		awaitResult(driver);
		assertThat(new Select(driver.findElement(By.id("sample-type"))).getFirstSelectedOption().getText())
			.as("allocs names its default type").isEqualTo("alloc_space (bytes)");
	}

	private static List<String> frameNames(ChromeDriver driver) {
		return driver.findElements(By.cssSelector("#flamegraph .frame"))
			.stream()
			.map((frame) -> frame.getAttribute("data-name"))
			.toList();
	}

	@Test
	void tracePageShouldShowTheRecordingThenOfferTheJfrFile() {
		ChromeDriver driver = browser.driver();
		driver.get(url("/trace?seconds=1"));
		assertThat(driver.findElement(By.id("progress")).getText()).contains("Recording for 1 s");
		awaitResult(driver);
		WebElement download = driver.findElement(By.id("download"));
		assertThat(download.getText()).isEqualTo("Download trace.jfr");
		assertThat(download.getAttribute("download")).isEqualTo("trace.jfr");
		assertThat(driver.findElement(By.id("jfr-note")).isDisplayed()).isTrue();
		assertThat(driver.findElement(By.id("flamegraph")).isDisplayed()).isFalse();
		browser.screenshot(stack() + "-trace");
	}

	@Test
	void pageShouldShowTheEndpointsErrorSentence() {
		ChromeDriver driver = browser.driver();
		driver.get(url("/profile?seconds=0"));
		WebElement body = driver.findElement(By.tagName("body"));
		new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(10))
			.until((d) -> "error".equals(body.getAttribute("data-state")));
		assertThat(driver.findElement(By.id("error-text")).getText()).startsWith("400")
			.contains("invalid value for \"seconds\" - must be a positive integer");
		browser.screenshot(stack() + "-error");
	}

}
