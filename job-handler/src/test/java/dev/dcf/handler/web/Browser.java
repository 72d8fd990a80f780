package dev.dcf.handler.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Level;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium (Debian's, driven by its chromedriver; Selenium Manager is never
 * asked to download anything) with a fresh profile under {@code target/}, a 1280×900
 * window, and helpers for the GUI tests. Not thread-safe: one test at a time.
 */
public final class Browser implements AutoCloseable {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	/** Screenshots for {@code docs/usage.md}; the tests run in the module directory. */
	/** Under the module's build directory: tests never change tracked files. */
	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	static final Duration WAIT = Duration.ofSeconds(15);

	private final ChromeDriver driver;

	private final String baseUrl;

	public Browser(String baseUrl) {
		this.baseUrl = baseUrl;
		Path profile = Path.of("target", "chromium", UUID.randomUUID().toString()).toAbsolutePath();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--disable-quic", "--window-size=1280,900", "--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		this.driver = new ChromeDriver(service, options);
		this.driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
	}

	public WebDriver driver() {
		return this.driver;
	}

	public void open(String path) {
		this.driver.get(this.baseUrl + path);
	}

	public String path() {
		return this.driver.getCurrentUrl().substring(this.baseUrl.length());
	}

	/**
	 * Logs in through the login page and waits for the jobs page.
	 */
	public void login(String user, String password) {
		open("/login");
		type(By.id("username"), user);
		type(By.id("password"), password);
		click(By.id("login"));
		waitUntil((driver) -> !driver.findElements(By.id("current-user")).isEmpty());
	}

	public void type(By field, String text) {
		WebElement element = this.driver.findElement(field);
		element.clear();
		element.sendKeys(text);
	}

	/**
	 * Scrolls the element to the middle of the window, then clicks it like a user. If a
	 * live update replaced the element before the click landed (the click did not
	 * happen), the new element is clicked.
	 */
	public void click(By by) {
		waitUntil((driver) -> {
			WebElement element = driver.findElement(by);
			js("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element);
			element.click();
			return true;
		});
	}

	/**
	 * The text of an element, read again if a live update replaced it meanwhile.
	 */
	public String text(By by) {
		return waitUntil((driver) -> driver.findElement(by).getText());
	}

	/**
	 * The texts of all matching elements, read again if a live update replaced one.
	 */
	public List<String> texts(By by) {
		return waitUntil((driver) -> driver.findElements(by).stream().map(WebElement::getText).toList());
	}

	/**
	 * An attribute of an element, read again if a live update replaced it meanwhile.
	 */
	public String attribute(By by, String name) {
		return waitUntil((driver) -> String.valueOf(driver.findElement(by).getAttribute(name)));
	}

	/**
	 * How many elements match, counted again if a live update replaced some.
	 */
	public int count(By by) {
		return waitUntil((driver) -> driver.findElements(by).size());
	}

	public WebElement find(By by) {
		return this.driver.findElement(by);
	}

	public List<WebElement> findAll(By by) {
		return this.driver.findElements(by);
	}

	public <T> T waitUntil(Function<WebDriver, T> condition) {
		return waitUntil(condition, WAIT);
	}

	public <T> T waitUntil(Function<WebDriver, T> condition, Duration timeout) {
		// live updates replace elements while a condition looks at them: look again
		return new WebDriverWait(this.driver, timeout, Duration.ofMillis(20))
			.ignoring(StaleElementReferenceException.class)
			.until(condition);
	}

	/** Waits until the page's STOMP connection is up (dcf.js marks the body). */
	public void waitForLive() {
		waitUntil((driver) -> "connected".equals(js("return document.body.dataset.live")));
	}

	public Object js(String script, Object... args) {
		return ((JavascriptExecutor) this.driver).executeScript(script, args);
	}

	/**
	 * Saves what the browser shows as {@code target/screenshots/<name>.png};
	 * {@code scripts/update-screenshots.sh} copies them into {@code docs/images}.
	 */
	public Path screenshot(String name) {
		try {
			Files.createDirectories(SCREENSHOTS);
			Path target = SCREENSHOTS.resolve(name + ".png");
			Path shot = this.driver.getScreenshotAs(OutputType.FILE).toPath();
			Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Script errors and Content-Security-Policy violations the browser logged since the
	 * last call (reading empties the log).
	 */
	public List<String> scriptProblems() {
		return this.driver.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter((entry) -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
			.map(LogEntry::getMessage)
			.filter((message) -> message.contains("Content Security Policy") || message.contains("Uncaught"))
			.toList();
	}

	/**
	 * Like {@link #screenshot}, with the window as tall as the page (at most 2400
	 * pixels).
	 */
	public Path fullPageScreenshot(String name) {
		org.openqa.selenium.Dimension size = this.driver.manage().window().getSize();
		Number height = (Number) js("return document.documentElement.scrollHeight");
		try {
			this.driver.manage()
				.window()
				.setSize(new org.openqa.selenium.Dimension(size.getWidth(),
						Math.min(2400, Math.max(size.getHeight(), height.intValue() + 140))));
			return screenshot(name);
		}
		finally {
			this.driver.manage().window().setSize(size);
		}
	}

	@Override
	public void close() {
		this.driver.quit();
	}

}
