package dev.kappa.sample;

import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.kappa.core.Kappa;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's web page in a real browser: Debian's headless Chromium driven by Selenium through the system's
 * chromedriver (never a downloaded one). Appends through the form and sees the kv row and the view's progress.
 */
class WebPageBrowserTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	@TempDir
	Path storage;

	@TempDir
	Path profile;

	@Test
	void appendingThroughTheFormShowsTheKvRowAndTheViewProgress() throws Exception {
		Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
				"No Chromium here: install Debian's 'chromium' and 'chromium-driver' (.ci/run does) to run the browser test");
		System.setProperty("SE_OFFLINE", "true");
		int nobody;
		try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			nobody = free.getLocalPort(); // a peer that is down: the page shows it backing off
		}
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
			.run("--server.port=0", "--server.address=127.0.0.1", "--kappa.storage-dir=" + this.storage,
					"--kappa.replication.peers=tcp://127.0.0.1:" + nobody)) {
			context.getBean(Kappa.class).ready().get(30, TimeUnit.SECONDS);
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			WebDriver browser = chromium();
			try {
				browser.get("http://127.0.0.1:" + port + "/");
				// The page redraws its tables twice a second: an element found may be replaced before it is read.
				WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
				wait.ignoring(StaleElementReferenceException.class);
				// The seed is there: kappa-core's soup, sandwich and berries.
				wait.until(b -> b.findElements(By.cssSelector("#kv tr")).size() == 3);

				browser.findElement(By.id("key")).sendKeys("pie");
				browser.findElement(By.id("value")).sendKeys("apple, warm");
				browser.findElement(By.id("submit")).click();

				wait.until(b -> b.findElements(By.cssSelector("#kv tr")).stream()
					.anyMatch(row -> row.getText().contains("pie") && row.getText().contains("apple, warm")));
				wait.until(b -> b.findElement(By.id("message")).getText().contains("appended as entry 3"));
				wait.until(b -> b.findElements(By.cssSelector("#views tr")).stream()
					.map(WebElement::getText)
					.anyMatch(row -> row.startsWith("kv") && row.contains("READY") && row.contains("100%")
							&& row.contains("4 / 4")));
				wait.until(b -> b.findElement(By.cssSelector("#views tr .bar > span")).getAttribute("style")
					.contains("width: 100%"));
				wait.until(b -> b.findElement(By.id("logs")).getText().contains("4 local"));
				wait.until(b -> b.findElement(By.id("peers")).getText().contains("tcp://127.0.0.1:" + nobody + " BACKING_OFF"));

				File shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
				Path target = Path.of("target", "web-page.png");
				Files.createDirectories(target.getParent());
				Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
				assertThat(Files.size(target)).isPositive();
			}
			finally {
				browser.quit();
			}
		}
	}

	private WebDriver chromium() {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=1100,1000", "--user-data-dir=" + this.profile);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		return new ChromeDriver(service, options);
	}
}
