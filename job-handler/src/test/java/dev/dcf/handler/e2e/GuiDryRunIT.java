package dev.dcf.handler.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.dcf.handler.web.Browser;
import dev.dcf.handler.web.RequiresChromium;
import dev.dcf.agent.testing.TestAgent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Try it" on the new-job form (docs/usage.md, "Try a job before you submit it"): the
 * form as it comes, the sample generator, steered to a real agent by a label, tried
 * without being created; the result card shows its first records and the form is still
 * filled in. Saves {@code job-dry-run.png} for the docs.
 */
@RequiresChromium
class GuiDryRunIT extends EndToEndTest {

	private static TestAgent agent;

	private static Docker docker;

	@LocalServerPort
	int port;

	@BeforeAll
	static void agent() {
		docker = new Docker();
		agent = Agents.start("gui-dry-run", TOPICS, Map.of("it", "gui-dry-run"));
	}

	@AfterAll
	static void cleanUp() {
		agent.close();
		docker.removeAllOf(agent.id());
		docker.close();
	}

	@Test
	void tryItShowsTheGeneratorsFirstRecordsAndKeepsTheFormWithoutCreatingAJob() throws IOException {
		long jobsBefore = jobCount();
		try (Browser browser = new Browser("http://localhost:" + this.port)) {
			browser.login("alice", "alice-secret");
			browser.open("/jobs/new");
			browser.click(By.id("add-label"));
			browser.type(By.cssSelector("#label-rows .kv-row:nth-child(1) .kv-name"), "it");
			browser.type(By.cssSelector("#label-rows .kv-row:nth-child(1) .kv-value"), "gui-dry-run");

			browser.click(By.id("try-job"));

			browser.waitUntil((driver) -> !driver.findElements(By.id("dry-run-result")).isEmpty(),
					Duration.ofSeconds(30));
			assertThat(browser.path()).isEqualTo("/jobs/dry-run");
			assertThat(browser.text(By.id("dry-run-started"))).isEqualTo("started");
			assertThat(browser.text(By.cssSelector("#dry-run-result .card-header"))).contains(agent.id());
			assertThat(browser.texts(By.cssSelector("#dry-run-records .dry-run-record"))).hasSize(5)
				.allSatisfy((record) -> assertThat(record).contains("\"deviceId\""));
			assertThat(Long.parseLong(browser.text(By.id("dry-run-records-written")))).isGreaterThanOrEqualTo(5);
			// the form as it was sent, ready to be created
			assertThat(browser.attribute(By.id("image"), "value")).isEqualTo("dcf/sample-generator:latest");
			assertThat(browser.attribute(By.cssSelector("#label-rows .kv-row:nth-child(1) .kv-value"), "value"))
				.isEqualTo("gui-dry-run");
			assertThat(browser.scriptProblems()).isEmpty();
			cardScreenshot(browser, "job-dry-run");
		}
		assertThat(jobCount()).as("no job stored").isEqualTo(jobsBefore);
	}

	/**
	 * The result card alone, records and output included, where
	 * {@link Browser#screenshot} puts its shots (for
	 * {@code scripts/update-screenshots.sh}). The window is made tall enough first: an
	 * element's screenshot ends where the window does.
	 */
	private static void cardScreenshot(Browser browser, String name) throws IOException {
		WebElement card = browser.find(By.id("dry-run-result"));
		int bottom = card.getLocation().getY() + card.getSize().getHeight();
		browser.driver().manage().window().setSize(new Dimension(1280, Math.min(bottom + 200, 2400)));
		browser.js("window.scrollTo(0, 0)");
		browser.waitUntil((driver) -> ((Number) browser.js("return window.innerHeight")).intValue() > bottom);
		Path target = Path.of("target", "screenshots", name + ".png");
		Files.createDirectories(target.getParent());
		Files.copy(card.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
	}

	private long jobCount() {
		return this.alice.get()
			.uri("/api/jobs?size=1")
			.exchange()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody()
			.get("totalElements") instanceof Number total ? total.longValue() : -1;
	}

}
