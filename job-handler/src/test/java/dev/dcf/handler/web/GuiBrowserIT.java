package dev.dcf.handler.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import dev.dcf.handler.agent.AgentService;
import dev.dcf.testsupport.TestTopics;
import dev.dcf.handler.job.Actor;
import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobContainerRepository;
import dev.dcf.handler.job.JobRepository;
import dev.dcf.handler.job.JobRequest;
import dev.dcf.handler.job.JobService;
import dev.dcf.handler.job.JobState;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GUI in a real headless Chromium against the whole handler on a random port, with no
 * real agent: a {@link SimulatedAgent} heartbeats into the registry and makes jobs
 * RUNNING. Covers login, the form's field errors, escaping, the detail page, the agents
 * page, and live updates without reload, whose latency (service call to DOM change) it
 * measures and logs. Saves the login, jobs and form screenshots of {@code docs/usage.md}
 * (under {@code target/screenshots}) ({@code GuiEndToEndIT} takes the job and agents
 * pages, with a real agent).
 */
// own topics and database: never reused, so closed after the class
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "dcf.security.admin-user=admin", "dcf.security.admin-password=admin-secret",
				"dcf.security.users[0].name=alice", "dcf.security.users[0].password=alice-secret" })
@RequiresChromium
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GuiBrowserIT {

	private static final Log logger = LogFactory.getLog(GuiBrowserIT.class);

	private static final Actor ADMIN = new Actor("admin", true);

	/** No agent carries this label: placement never takes such a job. */
	private static final Map<String, String> NOWHERE = Map.of("gui-test", "nowhere");

	@LocalServerPort
	int port;

	@Autowired
	JobService jobs;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	JobContainerRepository containers;

	@Autowired
	AgentService agents;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	Clock clock;

	private Browser browser;

	private SimulatedAgent agent;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) throws IOException {
		Path dataDir = Files.createTempDirectory("gui-browser-it");
		registry.add("dcf.data-dir", dataDir::toString);
		// management topics of its own on the shared broker: no other
		// test's agents or handler
		TestTopics.unique("gui").handlerProperties().forEach((name, value) -> registry.add(name, () -> value));
	}

	@BeforeAll
	void openBrowser() {
		this.agent = new SimulatedAgent("agent-sim", this.agents, this.jobRepository, this.containers,
				this.transactions, this.clock)
			.start();
		this.browser = new Browser("http://localhost:" + this.port);
		this.browser.login("admin", "admin-secret");
	}

	@AfterEach
	void noScriptErrorsNorPolicyViolations() {
		assertThat(this.browser.scriptProblems()).as("script errors and CSP violations in the browser").isEmpty();
	}

	@AfterAll
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.close();
		}
		if (this.agent != null) {
			this.agent.close();
		}
	}

	@Test
	@Order(1)
	void loginRefusesAWrongPasswordLetsTheUserInAndOut() {
		try (Browser fresh = new Browser("http://localhost:" + this.port)) {
			fresh.open("/");
			assertThat(fresh.path()).isEqualTo("/login");
			fresh.screenshot("login");

			fresh.type(By.id("username"), "alice");
			fresh.type(By.id("password"), "wrong");
			fresh.click(By.id("login"));
			assertThat(fresh.waitUntil((driver) -> driver.findElement(By.id("login-error"))).getText())
				.contains("Wrong user name or password");

			fresh.login("alice", "alice-secret");
			assertThat(fresh.path()).startsWith("/").doesNotStartWith("/login");
			assertThat(fresh.text(By.id("current-user"))).isEqualTo("alice");
			assertThat(fresh.text(By.tagName("h1"))).isEqualTo("Jobs");

			fresh.click(By.id("logout"));
			assertThat(fresh.waitUntil((driver) -> driver.findElement(By.id("logged-out"))).getText())
				.contains("logged out");
			fresh.open("/agents");
			assertThat(fresh.path()).isEqualTo("/login");
			assertThat(fresh.scriptProblems()).isEmpty();
		}
	}

	@Test
	@Order(2)
	void formWithAnInvalidTopicAndNegativeMemoryShowsBothErrorsAndKeepsTheOtherValues() {
		long jobsBefore = this.jobRepository.count();
		this.browser.open("/jobs/new");
		this.browser.type(By.id("name"), "errors-demo");
		this.browser.type(By.id("topic"), "not a topic!");
		this.browser.type(By.id("memoryLimitMb"), "-128");
		this.browser.click(By.id("add-env"));
		List<WebElement> names = this.browser.findAll(By.cssSelector("#env-rows .kv-name"));
		List<WebElement> values = this.browser.findAll(By.cssSelector("#env-rows .kv-value"));
		names.get(1).sendKeys("FORMAT");
		values.get(1).sendKeys("json");
		this.browser.click(By.id("create-job"));

		this.browser.waitUntil((driver) -> driver.findElement(By.id("form-errors")));
		assertThat(this.browser.find(By.id("topic-error")).isDisplayed()).isTrue();
		assertThat(this.browser.text(By.id("topic-error"))).startsWith("may contain only letters, digits");
		assertThat(this.browser.find(By.id("memoryLimitMb-error")).isDisplayed()).isTrue();
		assertThat(this.browser.text(By.id("memoryLimitMb-error"))).isEqualTo("must be between 64 and 16384");
		assertThat(this.browser.attribute(By.id("topic"), "class")).contains("is-invalid");
		assertThat(this.browser.attribute(By.id("memoryLimitMb"), "class")).contains("is-invalid");
		assertThat(this.browser.findAll(By.cssSelector(".invalid-feedback"))).hasSize(2);
		// what was typed is still there
		assertThat(value("name")).isEqualTo("errors-demo");
		assertThat(value("topic")).isEqualTo("not a topic!");
		assertThat(value("memoryLimitMb")).isEqualTo("-128");
		assertThat(value("image")).isEqualTo("dcf/sample-generator:latest");
		assertThat(value("containers")).isEqualTo("1");
		assertThat(value("cpuLimit")).isEqualTo("0.5");
		assertThat(value("durationSeconds")).isEqualTo("60");
		assertThat(this.browser.findAll(By.cssSelector("#env-rows .kv-name")).stream().map(this::value))
			.containsExactly("RATE", "FORMAT");
		assertThat(this.browser.findAll(By.cssSelector("#env-rows .kv-value")).stream().map(this::value))
			.containsExactly("10", "json");
		assertThat(this.jobRepository.count()).isEqualTo(jobsBefore);
		this.browser.fullPageScreenshot("new-job-errors");
	}

	@Test
	@Order(3)
	void anXssPayloadInTheJobNameIsShownAsText() {
		String payload = "<img src=x onerror=\"window.dcfXss=1\"><script>window.dcfXss=2</script>";
		Job job = this.jobs.create(request(payload, Map.of()), "admin");

		this.browser.open("/");
		WebElement name = this.browser.find(By.cssSelector("#job-" + job.getId() + " .job-name"));
		assertThat(name.getText()).isEqualTo(payload);
		assertThat(
				this.browser.findAll(By.cssSelector("#job-" + job.getId() + " img, #job-" + job.getId() + " script")))
			.isEmpty();
		assertThat(this.browser.js("return window.dcfXss === undefined")).isEqualTo(true);

		this.browser.open("/jobs/" + job.getId());
		assertThat(this.browser.text(By.cssSelector(".job-title"))).isEqualTo(payload);
		assertThat(this.browser.js("return window.dcfXss === undefined")).isEqualTo(true);
		this.jobs.delete(job.getId(), ADMIN);
	}

	@Test
	@Order(4)
	void jobDetailShowsSettingsMaskedSecretsTheTimelineAndLiveChanges() {
		Map<String, String> env = new LinkedHashMap<>();
		env.put("RATE", "10");
		env.put("FORMAT", "json");
		env.put("API_TOKEN", "t0ken-secret-value");
		Job job = this.jobs.create(new JobRequest("sensor-demo", "Temperature readings for the dashboard",
				"dcf/sample-generator:latest", null, "sensor-readings", 2, 0.5, 256, 600L, null, env, null, false),
				"admin");
		this.jobs.start(job.getId(), ADMIN);
		this.agent.run(job.getId());

		this.browser.open("/jobs/" + job.getId());
		this.browser.waitForLive();
		this.browser.js("window.dcfNoReload = true");
		assertThat(this.browser.text(By.id("job-state"))).isEqualTo("RUNNING");
		assertThat(this.browser.text(By.id("job-agent"))).isEqualTo("agent-sim");
		assertThat(this.browser.text(By.id("setting-image"))).isEqualTo("dcf/sample-generator:latest");
		assertThat(this.browser.text(By.id("env"))).contains("RATE 10", "FORMAT json", "API_TOKEN")
			.doesNotContain("t0ken-secret-value");
		assertThat(this.browser.driver().getPageSource()).doesNotContain("t0ken-secret-value");
		assertThat(this.browser.count(By.cssSelector("#timeline .timeline-entry"))).isEqualTo(4);
		String elapsed = this.browser.text(By.id("elapsed"));
		this.browser.waitUntil((driver) -> !driver.findElement(By.id("elapsed")).getText().equals(elapsed));
		this.browser.waitUntil(
				(driver) -> driver.findElements(By.cssSelector("#containers .container-row")).size() == 2,
				Duration.ofSeconds(10));

		this.jobs.stop(job.getId(), ADMIN);
		this.browser.waitUntil((driver) -> driver.findElement(By.id("job-state")).getText().equals("STOPPING"));
		assertThat(this.browser.count(By.cssSelector("#timeline .timeline-entry"))).isEqualTo(5);
		assertThat(this.browser.js("return window.dcfNoReload === true")).isEqualTo(true);

		// a STOPPING job cannot be deleted: asked first, then refused with a message
		this.browser.click(By.cssSelector("#live .action-delete"));
		WebElement confirm = this.browser.waitUntil((driver) -> {
			WebElement button = driver.findElement(By.id("confirm-ok"));
			return button.isDisplayed() ? button : null;
		});
		assertThat(this.browser.text(By.id("confirm-text")))
			.isEqualTo("Delete job “sensor-demo” and its history? This cannot be undone.");
		confirm.click();
		assertThat(this.browser.waitUntil((driver) -> driver.findElement(By.id("flash-error"))).getText())
			.contains("is STOPPING and cannot be deleted");
		assertThat(this.jobRepository.existsById(job.getId())).isTrue();
	}

	@Test
	@Order(5)
	void agentsPageShowsHealthCapacityAndHeartbeatAgeLive() {
		this.browser.open("/agents");
		this.browser.waitForLive();
		this.browser.js("window.dcfNoReload = true");
		String card = "#agent-agent-sim";
		assertThat(this.browser.text(By.cssSelector(card + " .agent-status"))).isEqualTo("HEALTHY");
		assertThat(this.browser.text(By.cssSelector(card + " .heartbeat-age"))).matches("\\d+ s ago");
		assertThat(this.browser.text(By.cssSelector(card + " .labels"))).contains("zone=test");

		this.agent.dockerCheck(false, "Docker daemon not reachable: connection refused");
		this.browser.waitUntil(
				(driver) -> driver.findElement(By.cssSelector(card + " .agent-status")).getText().equals("UNHEALTHY"));
		assertThat(this.browser.text(By.cssSelector(card + " .failed-checks"))).contains("docker",
				"connection refused");
		assertThat(this.browser.js("return window.dcfNoReload === true")).isEqualTo(true);
		this.agent.dockerCheck(true, null);
		this.browser.waitUntil(
				(driver) -> driver.findElement(By.cssSelector(card + " .agent-status")).getText().equals("HEALTHY"));
	}

	@Test
	@Order(6)
	void jobsPageShowsEveryJobWithStateAgentProgressAndFilters() {
		Job failed = this.jobs.create(request("orders-replay", Map.of()), "alice");
		this.jobs.start(failed.getId(), new Actor("alice", false));
		this.agent.run(failed.getId());
		this.agent.fail(failed.getId(), "container 0 exited with code 3");
		Job scheduled = this.jobs.create(
				new JobRequest("nightly-load", null, "dcf/sample-generator:latest", null, "load-test", 4, 1.0, 512,
						3600L, this.clock.instant().plus(Duration.ofHours(6)), Map.of("RATE", "500"), null, true),
				"alice");
		Job created = this.jobs.create(request("humidity-sensors", Map.of()), "admin");
		Job running = this.jobs.create(
				new JobRequest("temperature-eu", "Temperature readings, EU sites", "dcf/sample-generator:latest", null,
						"sensor-readings", 3, 0.5, 256, 120L, null, Map.of("RATE", "10"), Map.of("zone", "test"), true),
				"admin");
		this.agent.run(running.getId());

		this.browser.open("/");
		Map<Job, String> expected = Map.of(failed, "FAILED", scheduled, "SCHEDULED", created, "CREATED", running,
				"RUNNING");
		expected.forEach(
				(job, state) -> assertThat(this.browser.text(By.cssSelector("#job-" + job.getId() + " .state-badge")))
					.isEqualTo(state));
		String runningRow = "#job-" + running.getId();
		assertThat(this.browser.text(By.cssSelector(runningRow + " .job-agent"))).isEqualTo("agent-sim");
		this.browser.waitUntil(
				(driver) -> !driver.findElement(By.cssSelector(runningRow + " .elapsed")).getText().equals("0:00"));
		this.browser.waitUntil((driver) -> (Boolean) this.browser.js(
				"return arguments[0].querySelector('.progress-bar').getBoundingClientRect().width > 0",
				driver.findElement(By.cssSelector(runningRow))));
		this.browser.screenshot("jobs");

		this.browser.click(By.cssSelector(".state-filter [data-state=RUNNING]"));
		this.browser.waitUntil((driver) -> driver.getCurrentUrl().contains("state=RUNNING"));
		List<List<String>> rows = this.browser
			.waitUntil((driver) -> driver.findElements(By.cssSelector("#job-rows .job-row"))
				.stream()
				.map((row) -> List.of(row.getAttribute("data-job-id"), row.getAttribute("data-state")))
				.toList());
		assertThat(rows).extracting((row) -> row.get(1)).containsOnly("RUNNING");
		assertThat(rows).extracting((row) -> row.get(0)).contains(running.getId());
	}

	/**
	 * Jobs created and deleted elsewhere appear and disappear; then ten state changes
	 * made through the service, each timed from the call to the moment the page has
	 * replaced the row (the page stamps {@code data-updated-at}); the page is never
	 * reloaded. Logs median and maximum: speed is reported, not asserted.
	 */
	@Test
	@Order(7)
	void stateChangesAppearOnTheJobsPageWithoutReload() {
		this.browser.open("/");
		this.browser.waitForLive();
		this.browser.js("window.dcfNoReload = true");

		// a job created elsewhere (here: the service, as the REST API
		// would) appears on top
		Job job = this.jobs.create(request("live-latency", NOWHERE), "admin");
		By row = By.id("job-" + job.getId());
		this.browser.waitUntil((driver) -> !driver.findElements(row).isEmpty());
		assertThat(this.browser.attribute(By.cssSelector("#job-rows .job-row:first-child"), "data-job-id"))
			.isEqualTo(job.getId());
		assertThat(this.browser.attribute(row, "data-state")).isEqualTo("CREATED");

		// and one deleted elsewhere disappears
		Job shortLived = this.jobs.create(request("short-lived", NOWHERE), "admin");
		this.browser.waitUntil((driver) -> !driver.findElements(By.id("job-" + shortLived.getId())).isEmpty());
		this.jobs.delete(shortLived.getId(), ADMIN);
		this.browser.waitUntil((driver) -> driver.findElements(By.id("job-" + shortLived.getId())).isEmpty());

		List<Long> latencies = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			boolean start = i % 2 == 0;
			JobState expected = start ? JobState.DEPLOYING : JobState.COMPLETED;
			long before = System.currentTimeMillis();
			if (start) {
				this.jobs.start(job.getId(), ADMIN);
			}
			else {
				this.jobs.stop(job.getId(), ADMIN);
			}
			// the row in its new state, read in one go (state, badge, when
			// the page replaced it)
			List<String> seen = this.browser.waitUntil((driver) -> driver.findElements(row)
				.stream()
				.filter((element) -> expected.name().equals(element.getAttribute("data-state")))
				.map((element) -> List.of(element.findElement(By.cssSelector(".state-badge")).getText(),
						element.getAttribute("data-updated-at")))
				.findFirst()
				.orElse(null));
			assertThat(seen.get(0)).isEqualTo(expected.name());
			latencies.add(Long.parseLong(seen.get(1)) - before);
		}
		assertThat(this.browser.js("return window.dcfNoReload === true")).as("the page was not reloaded")
			.isEqualTo(true);
		assertThat(this.jobs.get(job.getId()).getRunNumber()).isEqualTo(5);

		List<Long> sorted = new ArrayList<>(latencies);
		Collections.sort(sorted);
		long median = (sorted.get(4) + sorted.get(5)) / 2;
		String report = "GUI live update latency (service call -> row replaced in Chromium) over " + sorted.size()
				+ " state changes: median " + median + " ms, min " + sorted.get(0) + " ms, max "
				+ sorted.get(sorted.size() - 1) + " ms; all " + latencies;
		logger.info(report);
		System.out.println(report);

		// delete through the row's menu, confirmed in the dialog
		this.browser.click(By.cssSelector("#job-" + job.getId() + " .action-more"));
		this.browser.waitUntil((driver) -> driver.findElement(By.cssSelector("#job-" + job.getId() + " .action-delete"))
			.isDisplayed());
		this.browser.click(By.cssSelector("#job-" + job.getId() + " .action-delete"));
		this.browser.waitUntil((driver) -> driver.findElement(By.id("confirm-ok")).isDisplayed());
		this.browser.click(By.id("confirm-ok"));
		assertThat(this.browser.waitUntil((driver) -> driver.findElement(By.id("flash-success"))).getText())
			.isEqualTo("Job \"live-latency\" deleted");
		assertThat(this.browser.findAll(row)).isEmpty();
		assertThat(this.jobRepository.existsById(job.getId())).isFalse();
	}

	/**
	 * Operator features in a real browser: the jobs page finds jobs by part of their
	 * name, stops two selected ones with one confirmation and shows a result per job; the
	 * audit page lists the stops; the agents page drains and undrains an agent.
	 */
	@Test
	@Order(8)
	void jobsAreFoundSelectedAndStoppedTogetherAndTheAuditPageAndDrainingShowIt() {
		String tag = "bulk-" + Long.toString(System.nanoTime(), 36);
		List<Job> scheduled = new java.util.ArrayList<>();
		for (int i = 0; i < 3; i++) {
			Job job = this.jobs.create(new JobRequest(tag + "-" + i, null, "dcf/sample-generator:latest", null,
					"sensor-readings", 1, 0.5, 256, 600L, this.clock.instant().plus(Duration.ofHours(6)),
					Map.of("RATE", "10"), NOWHERE, true), "admin");
			scheduled.add(job);
		}

		this.browser.open("/");
		this.browser.type(By.id("q"), tag.toUpperCase());
		this.browser.click(By.id("job-search-apply"));
		this.browser.waitUntil((driver) -> driver.findElements(By.cssSelector("#job-rows .job-row")).size() == 3);
		this.browser.click(By.cssSelector("#job-" + scheduled.get(0).getId() + " .job-select"));
		this.browser.click(By.cssSelector("#job-" + scheduled.get(1).getId() + " .job-select"));
		assertThat(this.browser.text(By.id("bulk-count"))).isEqualTo("2 selected");
		this.browser.click(By.id("bulk-stop"));
		this.browser.waitUntil((driver) -> driver.findElement(By.id("confirm-ok")).isDisplayed());
		assertThat(this.browser.text(By.id("confirm-text"))).isEqualTo("Stop 2 selected jobs?");
		this.browser.screenshot("jobs-bulk-confirm");
		this.browser.click(By.id("confirm-ok"));

		assertThat(this.browser.waitUntil((driver) -> driver.findElement(By.id("bulk-results"))).getText())
			.contains("stop: 2 of 2 jobs done", "done, now CREATED");
		assertThat(this.browser.path()).contains("q=" + tag.toUpperCase());
		this.browser.screenshot("jobs-bulk");
		assertThat(this.jobRepository.findById(scheduled.get(0).getId()).orElseThrow().getState())
			.isEqualTo(JobState.CREATED);
		assertThat(this.jobRepository.findById(scheduled.get(2).getId()).orElseThrow().getState())
			.isEqualTo(JobState.SCHEDULED);

		this.browser.click(By.id("nav-audit"));
		this.browser.type(By.id("target"), tag);
		this.browser.click(By.id("audit-apply"));
		// the filtered page replaces the unfiltered one: read the actions of the new one
		List<String> expected = List.of("stop", "stop", "create", "create", "create");
		this.browser.waitUntil((driver) -> driver.findElements(By.cssSelector("#audit .audit-action"))
			.stream()
			.map(WebElement::getText)
			.toList()
			.equals(expected));
		assertThat(this.browser.texts(By.cssSelector("#audit .audit-action"))).isEqualTo(expected);
		this.browser.screenshot("audit");

		this.browser.open("/agents");
		this.browser.click(By.cssSelector("#agent-agent-sim .action-drain"));
		this.browser.waitUntil((driver) -> driver.findElement(By.id("confirm-ok")).isDisplayed());
		this.browser.click(By.id("confirm-ok"));
		assertThat(this.browser.text(By.cssSelector("#agent-agent-sim .agent-draining"))).isEqualTo("DRAINING");
		this.browser.screenshot("agent-draining");
		assertThat(this.agents.get("agent-sim").isDraining()).isTrue();
		this.browser.click(By.cssSelector("#agent-agent-sim .action-undrain"));
		this.browser
			.waitUntil((driver) -> driver.findElements(By.cssSelector("#agent-agent-sim .agent-draining")).isEmpty());
		assertThat(this.agents.get("agent-sim").isDraining()).isFalse();
	}

	/**
	 * A stream of changes (jobs created back to back, a message each) reaches the open
	 * jobs page, gathered into fewer list fetches than messages, and none of them is cut
	 * short by the next message: when every message fetched the list at once, each fetch
	 * aborted the one before, and a busy page showed nothing new until the stream stopped
	 * (docs/benchmarks.md, "Live updates to ten browsers").
	 */
	@Test
	@Order(9)
	void aStreamOfNewJobsReachesTheJobsPageWithoutCuttingItsListFetchesShort() {
		this.browser.open("/");
		this.browser.waitForLive();
		countFetches("/jobs/list");

		List<Job> stream = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			stream.add(this.jobs.create(request("stream-" + i, NOWHERE), "admin"));
		}

		By last = By.id("job-" + stream.get(stream.size() - 1).getId());
		this.browser.waitUntil((driver) -> !driver.findElements(last).isEmpty());
		assertThat(fetches("aborted")).as("list fetches cut short").isZero();
		assertThat(fetches("started")).as("list fetches for 40 messages").isBetween(1, stream.size() - 1);
	}

	@Test
	@Order(10)
	void refreshesAskedForDuringAFetchFollowItInsteadOfAbortingIt() {
		this.browser.open("/agents");
		this.browser.waitForLive();
		countFetches("/agents/cards");

		// three messages faster than the server answers: the first fetches, the other two
		// wait for it and become one more fetch
		this.browser.js("""
				for (let i = 0; i < 3; i++) {
				  Dcf.refresh(document.getElementById('cards'));
				}
				""");

		this.browser.waitUntil((driver) -> fetches("ended") >= 2);
		assertThat(fetches("aborted")).as("card fetches cut short").isZero();
		// (a heartbeat of the simulated agent may have asked for one more)
		assertThat(fetches("started")).as("fetches for three refreshes").isBetween(2, 3);
		assertThat(this.browser.count(By.cssSelector("#cards #agent-agent-sim"))).isEqualTo(1);
	}

	/**
	 * Counts the page's htmx fetches whose path contains {@code path}: see
	 * {@link #fetches}.
	 */
	private void countFetches(String path) {
		this.browser.js("""
				const path = arguments[0];
				const counts = window.dcfFetches = { started: 0, aborted: 0, ended: 0 };
				const counted = (event) => event.detail.pathInfo.requestPath.includes(path);
				const count = (name, key) => document.body.addEventListener(name, (event) => {
				  if (counted(event)) { counts[key]++; }
				});
				count('htmx:beforeRequest', 'started');
				count('htmx:sendAbort', 'aborted');
				count('htmx:afterRequest', 'ended');
				""", path);
	}

	/** How many counted fetches were started, aborted or ended. */
	private int fetches(String which) {
		return ((Number) this.browser.js("return window.dcfFetches[arguments[0]]", which)).intValue();
	}

	private String value(String id) {
		return value(this.browser.find(By.id(id)));
	}

	private String value(WebElement element) {
		return element.getDomProperty("value");
	}

	private static JobRequest request(String name, Map<String, String> labels) {
		return new JobRequest(name, null, "dcf/sample-generator:latest", null, "sensor-readings", 1, 0.5, 256, 600L,
				null, Map.of("RATE", "10"), labels, false);
	}

}
