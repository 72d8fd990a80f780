package dev.dcf.handler.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.dcf.handler.web.Browser;
import dev.dcf.handler.web.RequiresChromium;
import dev.dcf.testsupport.TestImages;
import dev.dcf.agent.testing.TestAgent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GUI end to end: a user logs in, creates a job through the form (two env rows), sees
 * it reach RUNNING on the jobs page without reloading while a real agent starts its
 * containers on Docker, opens its page, stops it and sees COMPLETED, and the containers
 * are gone. Headless Chromium, the embedded broker and registry, a real
 * {@link TestAgent}. Saves the job page and the agents page (while the job runs) for
 * {@code docs/usage.md}.
 */
@RequiresChromium
class GuiEndToEndIT extends EndToEndTest {

	private static final Log logger = LogFactory.getLog(GuiEndToEndIT.class);

	private static TestAgent agent;

	private static Docker docker;

	@LocalServerPort
	int port;

	@BeforeAll
	static void agent() {
		docker = new Docker();
		agent = Agents.start("gui", TOPICS, Map.of("it", "gui", "zone", "lab"));
	}

	@AfterAll
	static void cleanUp() {
		agent.close();
		docker.removeAllOf(agent.id());
		docker.close();
	}

	@Test
	void aJobCreatedInTheFormRunsOnARealAgentAndStopsFromItsPage() {
		try (Browser browser = new Browser("http://localhost:" + this.port)) {
			browser.login("alice", "alice-secret");

			// the form, pre-filled with the sample generator: make it two
			// sleepers for our agent
			browser.open("/jobs/new");
			browser.type(By.id("name"), "gui-end-to-end");
			browser.type(By.id("description"), "Created in Chromium by GuiEndToEndIT");
			browser.type(By.id("image"), TestImages.SLEEPER);
			browser.type(By.id("topic"), "gui-e2e");
			browser.type(By.id("containers"), "2");
			browser.type(By.id("cpuLimit"), "0.1");
			browser.type(By.id("memoryLimitMb"), "64");
			browser.type(By.id("durationSeconds"), "600");
			List<WebElement> env = browser.findAll(By.cssSelector("#env-rows .kv-name"));
			assertThat(env).hasSize(1);
			browser.type(By.cssSelector("#env-rows .kv-row:nth-child(1) .kv-name"), "SLEEP");
			browser.type(By.cssSelector("#env-rows .kv-row:nth-child(1) .kv-value"), "600");
			browser.click(By.id("add-env"));
			browser.type(By.cssSelector("#env-rows .kv-row:nth-child(2) .kv-name"), "GREETING");
			browser.type(By.cssSelector("#env-rows .kv-row:nth-child(2) .kv-value"), "hello from the GUI");
			browser.click(By.id("add-label"));
			browser.type(By.cssSelector("#label-rows .kv-row:nth-child(1) .kv-name"), "it");
			browser.type(By.cssSelector("#label-rows .kv-row:nth-child(1) .kv-value"), "gui");
			assertThat(browser.find(By.id("start1")).isSelected()).as("starts right away by default").isTrue();
			browser.click(By.id("create-job"));

			// the job's page; its id from the address
			browser.waitUntil((driver) -> driver.getCurrentUrl().matches(".*/jobs/[0-9a-f-]{36}$"));
			String id = browser.path().substring("/jobs/".length());
			assertThat(browser.text(By.id("flash-success"))).startsWith("Job \"gui-end-to-end\" created and started");
			assertThat(job(id).get("env")).isEqualTo(Map.of("SLEEP", "600", "GREETING", "hello from the GUI"));

			// the jobs page follows the job to RUNNING by itself
			long createdAt = System.currentTimeMillis();
			browser.open("/");
			browser.waitForLive();
			browser.js("window.dcfNoReload = true");
			By row = By.id("job-" + id);
			browser.waitUntil((driver) -> "RUNNING".equals(driver.findElement(row).getAttribute("data-state")),
					DEPLOY_TIMEOUT);
			logger.info("Job RUNNING on the jobs page " + (System.currentTimeMillis() - createdAt)
					+ " ms after the form was sent (placement, CREATE, two containers on Docker, report)");
			assertThat(browser.js("return window.dcfNoReload === true")).as("the page was not reloaded")
				.isEqualTo(true);
			assertThat(browser.text(By.cssSelector("#job-" + id + " .job-agent"))).isEqualTo(agent.id());
			assertThat(docker.runningContainersOfJob(id)).hasSize(2);

			// its page: containers, env, timeline
			browser.click(By.cssSelector("#job-" + id + " .job-name"));
			browser.waitUntil((driver) -> driver.getCurrentUrl().endsWith("/jobs/" + id));
			assertThat(browser.text(By.id("job-state"))).isEqualTo("RUNNING");
			browser
				.waitUntil((driver) -> driver.findElements(By.cssSelector("#containers .container-row")).size() == 2);
			assertThat(browser.texts(By.cssSelector("#containers .container-state"))).containsOnly("RUNNING");
			assertThat(browser.text(By.id("env"))).contains("SLEEP 600", "GREETING hello from the GUI");
			String elapsed = browser.text(By.id("elapsed"));
			browser.waitUntil((driver) -> !driver.findElement(By.id("elapsed")).getText().equals(elapsed));
			browser.screenshot("job-detail");

			// the agents page shows the real agent, healthy, with its
			// labels and the two containers
			browser.open("/agents");
			String card = "#agent-" + agent.id();
			assertThat(browser.text(By.cssSelector(card + " .agent-status"))).isEqualTo("HEALTHY");
			assertThat(browser.text(By.cssSelector(card + " .labels"))).contains("it=gui", "zone=lab");
			assertThat(browser.text(By.cssSelector(card + " .heartbeat-age"))).matches("\\d+ s ago");
			try {
				browser.waitUntil((driver) -> browser.texts(By.cssSelector(card + " .agent-containers a"))
					.stream()
					.filter("gui-end-to-end"::equals)
					.count() == 2);
			}
			catch (TimeoutException ex) {
				throw new AssertionError("The agent's card does not list the job's two containers:\n"
						+ browser.text(By.cssSelector(card)), ex);
			}
			browser.screenshot("agents");
			browser.open("/jobs/" + id);

			// stop it from its page (confirmed), then watch it complete without reloading
			browser.click(By.cssSelector("#live .action-stop"));
			browser.waitUntil((driver) -> driver.findElement(By.id("confirm-ok")).isDisplayed());
			long stoppedAt = System.currentTimeMillis();
			browser.click(By.id("confirm-ok"));
			browser.waitUntil((driver) -> driver.findElements(By.id("flash-success"))
				.stream()
				.anyMatch((flash) -> flash.getText().contains("stopped")));
			browser.waitForLive();
			browser.js("window.dcfNoReload = true");
			browser.waitUntil((driver) -> driver.findElement(By.id("job-state")).getText().equals("COMPLETED"),
					DEPLOY_TIMEOUT);
			logger.info("Job COMPLETED on its page " + (System.currentTimeMillis() - stoppedAt)
					+ " ms after Stop was confirmed (DELETE, containers removed, report)");
			assertThat(browser.js("return window.dcfNoReload === true")).as("the page was not reloaded")
				.isEqualTo(true);
			List<String> badges = browser.texts(By.cssSelector("#timeline .timeline-entry .badge"));
			List<String> reasons = browser.texts(By.cssSelector("#timeline .timeline-entry .timeline-reason"));
			assertThat(reasons).hasSameSizeAs(badges);
			// the topic's preparation may add an entry of its own ("topic ... created
			// with 3 partitions")
			assertThat(java.util.stream.IntStream.range(0, badges.size())
				.filter((i) -> !reasons.get(i).startsWith("topic "))
				.mapToObj(badges::get))
				.containsExactly("COMPLETED", "STOPPING", "RUNNING", "DEPLOYING", "DEPLOYING", "CREATED");
			assertThat(docker.containersOfJob(id)).isEmpty();
			assertThat(browser.scriptProblems()).as("script errors and CSP violations in the browser").isEmpty();

		}
	}

	@Test
	void theLiveOutputCardFollowsAContainerPausesAndEndsWhenTheJobStops() {
		Map<String, Object> job = sleeper("gui", 2);
		job.put("name", "ticker");
		job.put("command", List.of("/bin/sh", "-c",
				"i=1; while true; do echo \"container $DCF_CONTAINER_INDEX tick $i\"; i=$((i+1)); sleep 0.3; done"));
		String id = create(job);
		awaitState(id, "RUNNING", DEPLOY_TIMEOUT);
		try (Browser browser = new Browser("http://localhost:" + this.port)) {
			browser.login("alice", "alice-secret");
			browser.open("/jobs/" + id);
			browser.waitForLive();
			assertThat(browser.texts(By.cssSelector("#live-log-index option"))).containsExactly("0", "1");
			new org.openqa.selenium.support.ui.Select(browser.find(By.id("live-log-index"))).selectByValue("1");
			browser.click(By.id("live-log-follow"));
			By view = By.id("live-log-lines");
			browser.waitUntil((driver) -> ticks(driver.findElement(view).getText()) >= 5, Duration.ofSeconds(15));
			assertThat(browser.text(By.id("live-log-status"))).startsWith("Following container 1 · ");
			assertThat(browser.text(view).lines())
				.allSatisfy((line) -> assertThat(line).startsWith("container 1 tick "));

			browser.click(By.id("live-log-pause"));
			int paused = ticks(browser.text(view));
			browser.waitUntil((driver) -> driver.findElement(By.id("live-log-status"))
				.getText()
				.matches("Paused: [0-9]+ new lines held.*"), Duration.ofSeconds(10));
			assertThat(ticks(browser.text(view))).isEqualTo(paused);
			browser.click(By.id("live-log-pause"));
			browser.waitUntil((driver) -> ticks(driver.findElement(view).getText()) > paused + 1,
					Duration.ofSeconds(10));
			browser.js("document.getElementById('live-log').scrollIntoView({block: 'start'})");
			browser.screenshot("live-log");

			stop(id);
			browser.waitUntil((driver) -> driver.findElement(By.id("live-log-status"))
				.getText()
				.startsWith("Ended: the container stopped"), Duration.ofSeconds(30));
			awaitState(id, "COMPLETED", Duration.ofSeconds(30));
			browser.waitUntil(
					(driver) -> "COMPLETED".equals(driver.findElement(By.id("live")).getDomAttribute("data-state")),
					Duration.ofSeconds(15));
			assertThat(browser.find(By.id("live-log")).isDisplayed()).as("the card keeps the followed lines").isTrue();
			assertThat(browser.scriptProblems()).as("script errors and CSP violations in the browser").isEmpty();
		}
		finally {
			if (List.of("DEPLOYING", "RUNNING").contains(state(id))) {
				stop(id);
			}
		}
	}

	@Test
	void aCrashingJobShowsItsRestartsAndItsLastOutputOnItsPage() {
		Map<String, Object> job = sleeper("gui", 1);
		job.put("name", "crashing-generator");
		job.put("command",
				List.of("/bin/sh", "-c",
						"i=1; while [ $i -le 300 ]; do echo \"reading sensor batch $i\"; i=$((i+1)); done;"
								+ " echo 'error: broker refused the schema (incompatible)' >&2; exit 1"));
		job.put("restart", Map.of("attempts", 2, "delay", "1s", "maxDelay", "1s"));
		String id = create(job);
		awaitState(id, "FAILED", Duration.ofSeconds(60));
		try (Browser browser = new Browser("http://localhost:" + this.port)) {
			browser.login("alice", "alice-secret");
			browser.open("/jobs/" + id);
			browser.waitForLive();
			String kept = browser.text(By.cssSelector("#container-logs .container-log-lines"));
			// Docker orders stdout and stderr as it reads their pipes: the error may sit
			// among
			// the last stdout lines or, when Docker put it before them, be added at the
			// end
			assertThat(kept.lines().toList()).hasSizeBetween(100, 101)
				.contains("reading sensor batch 300", "error: broker refused the schema (incompatible)");
			assertThat(browser.text(By.cssSelector("#container-logs .container-log"))).contains("exit code 1");
			assertThat(browser.find(By.id("live-log")).isDisplayed()).as("live output of a FAILED job").isFalse();
			assertThat(browser.texts(By.cssSelector("#timeline .timeline-reason")))
				.anySatisfy((reason) -> assertThat(reason).contains("exited with code 1; restart 2 of 2"));
			browser.fullPageScreenshot("job-failed");
			assertThat(browser.scriptProblems()).as("script errors and CSP violations in the browser").isEmpty();
		}
	}

	@Test
	void aRecurringJobShowsItsCronZoneAndNextThreeStarts() {
		Map<String, Object> job = sleeper("gui", 1);
		job.put("name", "nightly-load");
		job.put("schedule", Map.of("cron", "0 30 2 * * ?", "timeZone", "Europe/Berlin", "overlap", "skip"));
		String id = create(job);
		try (Browser browser = new Browser("http://localhost:" + this.port)) {
			browser.login("alice", "alice-secret");
			browser.open("/jobs/" + id);
			browser.waitForLive();
			assertThat(browser.text(By.id("schedule-cron"))).isEqualTo("0 30 2 * * ?");
			assertThat(browser.text(By.id("schedule-zone"))).isEqualTo("Europe/Berlin");
			assertThat(browser.count(By.cssSelector("#schedule-next li"))).isEqualTo(3);
			browser.js("document.getElementById('schedule').scrollIntoView({block: 'start'})");
			browser.screenshot("job-schedule");
			assertThat(browser.scriptProblems()).as("script errors and CSP violations in the browser").isEmpty();
		}
		finally {
			this.alice.delete().uri("/api/jobs/{id}", id).exchange();
		}
	}

	private static int ticks(String text) {
		return (int) text.lines().filter((line) -> line.contains(" tick ")).count();
	}

	@Test
	void theJobPageChartsTheRateLiveAndTheJobsPageShowsItWithTheSumForAllOfDcf() {
		Map<String, Object> job = sleeper("gui", 1);
		job.put("name", "sensor-rate");
		job.put("image", TestImages.GENERATOR);
		job.put("topic", "gui-rate-" + java.util.UUID.randomUUID());
		job.put("memoryLimitMb", 256);
		job.put("cpuLimit", 0.5);
		job.put("targetRate", 50);
		job.put("maxRecords", 100_000);
		String id = create(job);
		awaitState(id, "RUNNING", DEPLOY_TIMEOUT);
		try (Browser browser = new Browser("http://localhost:" + this.port)) {
			browser.login("alice", "alice-secret");

			browser.open("/jobs/" + id);
			browser.waitForLive();
			browser.js("window.dcfNoReload = true");
			By card = By.id("throughput");
			browser.waitUntil((driver) -> points(driver.findElement(card)) >= 3, Duration.ofSeconds(30));
			int before = points(browser.find(card));
			browser.waitUntil((driver) -> points(driver.findElement(card)) > before, Duration.ofSeconds(15));
			assertThat(browser.js("return window.dcfNoReload === true")).as("the chart grew without a reload")
				.isEqualTo(true);
			assertThat(browser.text(By.cssSelector("#rate-now .rate-records"))).matches("[0-9.,]+ records/s");
			assertThat(browser.text(By.id("rate-target"))).startsWith("50.0/s · deviation ");
			assertThat(browser.text(By.id("max-records"))).isEqualTo("100,000 records");
			// average and peak follow the points: the peak is the generator's rate, not 0
			browser.waitUntil((driver) -> driver.findElement(By.id("rate-average-peak"))
				.getText()
				.matches("[0-9.,]+/s · [1-9][0-9.,]*/s"), Duration.ofSeconds(15));
			browser.js("document.getElementById('throughput').scrollIntoView({block: 'end'})");
			browser.screenshot("job-throughput");

			browser.open("/");
			browser.waitForLive();
			By rate = By.cssSelector("#job-" + id + " .job-rate");
			browser.waitUntil((driver) -> driver.findElement(rate).getText().matches("[0-9.,]+/s"),
					Duration.ofSeconds(15));
			browser.waitUntil((driver) -> !"0.0/s".equals(driver.findElement(By.id("total-rate")).getText()),
					Duration.ofSeconds(15));
			assertThat(browser.scriptProblems()).as("script errors and CSP violations in the browser").isEmpty();
		}
		finally {
			stop(id);
		}
	}

	private static int points(WebElement card) {
		String points = card.getAttribute("data-points");
		return (points != null) ? Integer.parseInt(points) : 0;
	}

}
