package dev.jvmpprof.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.json.Json;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * A real headless Chromium driven through Debian's {@code chromedriver}, with a fresh profile and its own download
 * directory. Where Chromium is missing the test is skipped, unless {@code PPROF_REQUIRE_BROWSER=1} (CI sets it),
 * which turns the skip into a failure.
 */
public final class Browser implements AutoCloseable {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Json JSON = new Json();

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private final ChromeDriver driver;

	private final Path profile;

	private final Path downloads;

	private Browser(ChromeDriver driver, Path profile, Path downloads) {
		this.driver = driver;
		this.profile = profile;
		this.downloads = downloads;
	}

	/**
	 * Starts Chromium, skipping or failing the test where there is none.
	 * @return the browser, to be closed
	 */
	public static Browser start() {
		if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
			String message = "Chromium is needed: apt-get install chromium chromium-driver";
			if ("1".equals(System.getenv("PPROF_REQUIRE_BROWSER"))) {
				throw new AssertionError(message + " (PPROF_REQUIRE_BROWSER=1)");
			}
			Assumptions.abort(message);
		}
		Path profile = createTempDirectory("chromium-profile");
		Path downloads = createTempDirectory("chromium-downloads");
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
			.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
					"--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1100,900",
					"--user-data-dir=" + profile)
			.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
					"download.prompt_for_download", false));
		// The DevTools network events, so that a test can read the headers the browser received, and the console.
		options.setCapability("goog:loggingPrefs", Map.of("performance", "ALL", "browser", "ALL"));
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File(CHROMEDRIVER.toString()))
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		// Headless Chromium saves downloads only where it is told to, whatever the preferences say.
		((HasCdp) driver).executeCdpCommand("Browser.setDownloadBehavior",
				Map.of("behavior", "allow", "downloadPath", downloads.toString(), "eventsEnabled", true));
		return new Browser(driver, profile, downloads);
	}

	public ChromeDriver driver() {
		return this.driver;
	}

	/**
	 * Waits for a download to finish.
	 * @param name the file name the server gave it
	 * @param timeout how long to wait
	 * @return the downloaded file
	 */
	public Path awaitDownload(String name, Duration timeout) throws InterruptedException {
		Path file = this.downloads.resolve(name);
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (Files.isRegularFile(file) && partialDownloads().isEmpty()) {
				return file;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("no download named " + name + " in " + timeout + "; found " + downloads());
	}

	/**
	 * Returns the headers of the last response the browser received from {@code url}, as its DevTools saw them.
	 * @param url the URL
	 * @return the headers, names as sent
	 */
	@SuppressWarnings("unchecked")
	public Map<String, String> responseHeaders(String url) {
		Map<String, String> headers = null;
		for (LogEntry entry : this.driver.manage().logs().get(LogType.PERFORMANCE)) {
			Map<String, Object> event = JSON.toType(entry.getMessage(), Map.class);
			Map<String, Object> message = (Map<String, Object>) event.get("message");
			if ("Network.responseReceived".equals(message.get("method"))) {
				Map<String, Object> response = (Map<String, Object>) ((Map<String, Object>) message.get("params"))
					.get("response");
				if (url.equals(response.get("url"))) {
					headers = (Map<String, String>) response.get("headers");
				}
			}
		}
		if (headers == null) {
			throw new AssertionError("the browser received no response from " + url);
		}
		return headers;
	}

	/**
	 * Saves what the browser shows as {@code target/screenshots/NAME.png}, kept with the build's other reports.
	 * @param name the file's name without extension
	 * @return the file
	 */
	public Path screenshot(String name) {
		try {
			Path file = SCREENSHOTS.resolve(name + ".png");
			Files.createDirectories(SCREENSHOTS);
			return Files.write(file, this.driver.getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Returns what the pages wrote to the console so far, one line per message, for a failing assertion to show.
	 * @return the messages
	 */
	public String console() {
		return this.driver.manage().logs().get(LogType.BROWSER).getAll().stream()
			.map((entry) -> entry.getLevel() + " " + entry.getMessage())
			.collect(Collectors.joining("\n"));
	}

	/**
	 * Returns the names of the files downloaded so far.
	 * @return the file names
	 */
	public List<String> downloads() {
		try (Stream<Path> files = Files.list(this.downloads)) {
			return files.map((file) -> file.getFileName().toString()).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private List<String> partialDownloads() {
		return downloads().stream().filter((name) -> name.endsWith(".crdownload")).toList();
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			delete(this.profile);
			delete(this.downloads);
		}
	}

	private static Path createTempDirectory(String prefix) {
		try {
			return Files.createTempDirectory(prefix);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void delete(Path directory) {
		try (Stream<Path> files = Files.walk(directory)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(file);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
