package dev.dcf.handler.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.dcf.handler.run.Csv;
import dev.dcf.handler.web.Browser;
import dev.dcf.handler.web.RequiresChromium;
import dev.dcf.testsupport.TestImages;
import dev.dcf.agent.testing.TestAgent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runs on the job page in Chromium, on a real agent: a generator job completes, "Run
 * again identically" (confirmed) runs it again, the table lists both runs with what the
 * reports say, and its CSV link downloads the report. Saves the page for
 * {@code docs/usage.md} ({@code job-runs.png}).
 */
@RequiresChromium
class RunsBrowserIT extends EndToEndTest {

	private static TestAgent agent;

	private static Docker docker;

	@LocalServerPort
	int port;

	@BeforeAll
	static void agent() {
		docker = new Docker();
		agent = Agents.start("runs-gui", TOPICS, Map.of("it", "runs-gui"));
	}

	@AfterAll
	static void cleanUp() {
		agent.close();
		docker.removeAllOf(agent.id());
		docker.close();
	}

	@Test
	void theJobPageListsTheRunsAndRunsOneAgainIdentically() {
		Map<String, Object> request = sleeper("runs-gui", 1);
		request.put("name", "sample-generator");
		request.put("description", "30 records at 50/s, seed 7");
		request.put("image", TestImages.GENERATOR);
		request.put("topic", "gui-runs-" + UUID.randomUUID());
		request.put("memoryLimitMb", 256);
		request.put("cpuLimit", 0.5);
		request.put("env", Map.of("RATE", "50", "MAX_RECORDS", "30", "SEED", "7"));
		String id = create(request);
		awaitState(id, "COMPLETED", Duration.ofSeconds(90));
		String imageId = docker.image(TestImages.GENERATOR).id();

		try (Browser browser = new Browser("http://localhost:" + this.port)) {
			browser.login("alice", "alice-secret");
			browser.open("/jobs/" + id);
			assertThat(browser.count(By.cssSelector("#runs .run-row"))).isEqualTo(1);
			assertThat(browser.text(By.cssSelector("#runs .run-records"))).isEqualTo("30");
			assertThat(browser.text(By.cssSelector("#runs .run-agents"))).isEqualTo(agent.id());
			assertThat(browser.text(By.cssSelector("#runs .run-digest")))
				.isEqualTo(imageId.substring("sha256:".length(), "sha256:".length() + 12));
			// a run of 0.6 s is sampled or not, by when it fell between two rounds
			assertThat(browser.text(By.cssSelector("#runs .run-peak-rate"))).matches("—|[0-9.,]+/s");

			browser.click(By.cssSelector("#runs .action-rerun"));
			browser.waitUntil((driver) -> driver.findElement(By.id("confirm-ok")).isDisplayed());
			browser.click(By.id("confirm-ok"));
			browser.waitUntil((driver) -> driver.findElements(By.id("flash-success"))
				.stream()
				.anyMatch((flash) -> flash.getText().contains("started again identically as run 2")));
			assertThat(browser.text(By.id("setting-pinned-image"))).isEqualTo("run 2 pinned to " + imageId);
			browser.waitForLive();
			browser.waitUntil((driver) -> browser.texts(By.cssSelector("#runs .run-number .badge"))
				.equals(List.of("COMPLETED", "COMPLETED")), Duration.ofSeconds(90));
			assertThat(browser.texts(By.cssSelector("#runs .run-records"))).containsExactly("30", "30");
			assertThat(browser.texts(By.cssSelector("#runs .run-reason")))
				.containsOnly("the container exited with code 0");

			// the browser's own download of the newest run's CSV, with its session (the
			// CRs marked: WebDriver would turn CRLF into LF on the way back)
			String csv = ((String) ((JavascriptExecutor) browser.driver())
				.executeAsyncScript("const done = arguments[arguments.length - 1];"
						+ "fetch(document.querySelector('#runs .run-csv').href).then((r) => r.text())"
						+ ".then((text) => done(text.split('\\r').join('<CR>')));"))
				.replace("<CR>", "\r");
			assertThat(Csv.rows(csv)).singleElement().satisfies((row) -> {
				assertThat(row).containsEntry("run", "2")
					.containsEntry("records", "30")
					.containsEntry("image", imageId)
					.containsEntry("image_digest", imageId)
					.containsEntry("seed", "7");
			});

			browser.fullPageScreenshot("job-runs");
			assertThat(browser.scriptProblems()).as("script errors and CSP violations in the browser").isEmpty();
		}
	}

}
