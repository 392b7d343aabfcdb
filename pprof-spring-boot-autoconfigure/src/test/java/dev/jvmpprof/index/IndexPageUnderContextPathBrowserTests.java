package dev.jvmpprof.index;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.jvmpprof.testing.Browser;
import dev.jvmpprof.testing.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The index's links under a servlet context path, which the endpoint's own path does not include.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=pprof", "server.servlet.context-path=/shop" })
class IndexPageUnderContextPathBrowserTests {

	@LocalServerPort
	private int port;

	@Test
	void linksAndGosIndexUrlShouldStayUnderTheContextPath() {
		String index = "http://localhost:" + this.port + "/shop/actuator/pprof";
		try (Browser browser = Browser.start()) {
			ChromeDriver driver = browser.driver();
			driver.get(index + "/");
			assertThat(driver.getCurrentUrl()).isEqualTo(index);
			driver.findElement(By.linkText("cmdline")).click();
			new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.urlToBe(index + "/cmdline"));
			assertThat(driver.findElement(By.tagName("body")).getText()).contains("java");
		}
	}

}
