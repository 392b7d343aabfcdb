package dev.jvmpprof.index;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.jvmpprof.profile.ProfileName;
import dev.jvmpprof.testing.Browser;
import dev.jvmpprof.testing.DecodedProfile;
import dev.jvmpprof.testing.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The index page in a real browser, headless Chromium, against the real server: what a person sees and what the
 * links do.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "management.endpoints.web.exposure.include=pprof")
class IndexPageBrowserTests {

	private static Browser browser;

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

	@Test
	void indexShouldListEveryProfileWithItsCountAndLinkTheServedOnes() {
		ChromeDriver driver = browser.driver();
		driver.get(url(""));
		assertThat(driver.getTitle()).isEqualTo("/actuator/pprof");
		Map<String, List<WebElement>> rows = new LinkedHashMap<>();
		for (WebElement row : driver.findElements(By.cssSelector("table tbody tr"))) {
			List<WebElement> cells = row.findElements(By.tagName("td"));
			if (cells.size() >= 2 && !cells.get(1).getText().equals("Profile")) {
				rows.put(cells.get(1).getText().replace(" (not served yet)", ""), cells);
			}
		}
		assertThat(rows.keySet()).containsExactlyElementsOf(Stream.of(ProfileName.values()).map(ProfileName::value).toList());
		assertThat(rows.get("goroutine").get(0).getText()).as("live threads").matches("[1-9][0-9]*");
		assertThat(rows.get("cmdline").get(1).findElement(By.tagName("a")).getAttribute("href"))
			.isEqualTo(url("/cmdline"));
		assertThat(driver.findElement(By.tagName("body")).getText()).contains("go tool pprof");
	}

	@Test
	void fullStackDumpLinkShouldShowEveryThreadsStack() {
		ChromeDriver driver = browser.driver();
		driver.get(url(""));
		driver.findElement(By.linkText("full thread stack dump")).click();
		new WebDriverWait(driver, Duration.ofSeconds(10))
			.until(ExpectedConditions.urlToBe(url("/goroutine?debug=2")));
		assertThat(driver.findElement(By.tagName("body")).getText()).contains("Full thread dump", "java.lang.Thread.State");
	}

	@Test
	void cmdlineLinkShouldShowTheCommandLineAsText() {
		ChromeDriver driver = browser.driver();
		driver.get(url(""));
		driver.findElement(By.linkText("cmdline")).click();
		new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlToBe(url("/cmdline")));
		assertThat(driver.findElement(By.tagName("body")).getText()).contains("java");
		driver.navigate().back();
		assertThat(driver.getTitle()).isEqualTo("/actuator/pprof");
	}

	@Test
	void profileLinkShouldOpenTheProfilesPage() {
		ChromeDriver driver = browser.driver();
		driver.get(url(""));
		WebElement link = driver.findElement(By.linkText("profile"));
		assertThat(link.getAttribute("href")).isEqualTo(url("/profile?seconds=30"));
		link.click();
		new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlToBe(url("/profile?seconds=30")));
		assertThat(driver.getTitle()).isEqualTo("profile?seconds=30");
		assertThat(driver.findElement(By.id("progress")).getText()).contains("Recording for 30 s");
		browser.screenshot("index-profile-link");
		// Leaving the page ends its request, and the profile with it.
		driver.navigate().back();
		assertThat(driver.getTitle()).isEqualTo("/actuator/pprof");
	}

	@Test
	void viewLinkShouldShowTheFlameGraph() {
		ChromeDriver driver = browser.driver();
		driver.get(url(""));
		browser.screenshot("index");
		WebElement link = row(driver, "heap").findElement(By.linkText("flame graph"));
		assertThat(link.getAttribute("href")).isEqualTo(url("/heap"));
		link.click();
		WebElement body = driver.findElement(By.tagName("body"));
		new WebDriverWait(driver, Duration.ofSeconds(30)).until((d) -> "done".equals(body.getAttribute("data-state")));
		assertThat(driver.findElements(By.cssSelector("#flamegraph .frame"))).isNotEmpty();
		driver.findElement(By.id("index-link")).click();
		assertThat(driver.getCurrentUrl()).isEqualTo(url(""));
	}

	@Test
	void downloadLinkShouldSaveTheProfileRatherThanShowIt() throws Exception {
		ChromeDriver driver = browser.driver();
		driver.get(url(""));
		WebElement link = row(driver, "profile").findElement(By.cssSelector("a.download"));
		assertThat(link.getAttribute("href")).isEqualTo(url("/profile"));
		// The link takes Go's default 30 s; the same link with 1 s keeps the test short.
		driver.executeScript("arguments[0].href += '?seconds=1'", link);
		link.click();
		Path profile = browser.awaitDownload("profile", Duration.ofSeconds(30));
		assertThat(driver.getCurrentUrl()).as("still on the index").isEqualTo(url(""));
		// A download the page asked for leaves no network events in its DevTools log, only the file: the profile.
		assertThat(DecodedProfile.decode(Files.readAllBytes(profile)).sampleTypes()).containsExactly("samples/count",
				"cpu/nanoseconds");
	}

	@Test
	void commandLineShouldNameTheUrlTheBrowserUsed() {
		ChromeDriver driver = browser.driver();
		driver.get(url(""));
		assertThat(row(driver, "heap").findElement(By.cssSelector("code.command")).getText())
			.isEqualTo("go tool pprof -http=: " + url("/heap"));
		assertThat(row(driver, "trace").findElements(By.cssSelector("code.command"))).as("not a pprof profile")
			.isEmpty();
	}

	private static WebElement row(ChromeDriver driver, String profile) {
		return driver.findElements(By.cssSelector("table tr"))
			.stream()
			.filter((row) -> row.findElements(By.tagName("td")).size() > 1
					&& row.findElements(By.tagName("td")).get(1).getText().equals(profile))
			.findFirst()
			.orElseThrow();
	}

	@Test
	void gosIndexUrlWithATrailingSlashShouldLeadToTheIndex() {
		ChromeDriver driver = browser.driver();
		driver.get(url("/"));
		assertThat(driver.getCurrentUrl()).isEqualTo(url(""));
		assertThat(driver.getTitle()).isEqualTo("/actuator/pprof");
	}

	private String url(String path) {
		return "http://localhost:" + this.port + "/actuator/pprof" + path;
	}

}
