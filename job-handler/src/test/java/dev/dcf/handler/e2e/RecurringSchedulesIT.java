package dev.dcf.handler.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.dao.ConcurrencyFailureException;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import dev.dcf.handler.JobHandlerApplication;
import dev.dcf.testsupport.TestTopics;
import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobEvent;
import dev.dcf.handler.job.JobService;
import dev.dcf.handler.job.JobState;
import dev.dcf.handler.job.TestJobs;
import dev.dcf.handler.run.RunReport;
import dev.dcf.handler.run.RunService;
import dev.dcf.testsupport.RequiresDocker;
import dev.dcf.testsupport.TestImages;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import dev.dcf.agent.testing.TestAgent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Recurring schedules in whole handlers on one database, with a real agent running
 * sleeper containers: each firing starts a run that its duration ends; a firing while a
 * run is active is skipped, or queued and started as soon as the run ends; and a handler
 * restart between firings neither loses nor doubles a run (Quartz's JDBC store, misfire
 * rule fire-once-now). Short periods (5 and 10 s, seconds field) keep it fast; the
 * handlers are applications of their own, started and stopped by the test (like
 * {@link HandlerRestartIT}).
 */
@RequiresDocker
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RecurringSchedulesIT {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("HH:mm:ss");

	private final TestTopics topics = TestTopics.unique("cron");

	private final Path dataDir = dataDir();

	private final String label = "cron-" + UUID.randomUUID().toString().substring(0, 6);

	private final List<AutoCloseable> running = new ArrayList<>();

	private ConfigurableApplicationContext handler;

	private TestAgent agent;

	@BeforeAll
	void start() {
		TestImages.ensureBuilt();
		this.agent = Agents.start("cron", this.topics, Map.of("it", this.label));
		this.running.add(() -> {
			this.agent.close();
			try (Docker docker = new Docker()) {
				docker.removeAllOf(this.agent.id());
			}
		});
		this.handler = handler();
	}

	@AfterAll
	void stopAll() throws Exception {
		for (int i = this.running.size() - 1; i >= 0; i--) {
			this.running.get(i).close();
		}
	}

	@Test
	@Order(1)
	void aFiringWhileARunIsActiveIsSkippedOrQueuedUntilTheRunEnds() {
		JobService jobs = this.handler.getBean(JobService.class);
		// runs of 6 s (plus deploying and stopping) every 5 s: the next firing meets run
		// 1
		String skipping = jobs.create(scheduled("skip", "0/5 * * * * ?", "UTC", 6), "alice").getId();
		String queueing = jobs.create(scheduled("queue", "0/5 * * * * ?", "UTC", 6), "alice").getId();

		await().atMost(Duration.ofSeconds(40))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> deployingOf(jobs, queueing, 2) != null && deployingOf(jobs, skipping, 2) != null);

		JobEvent skipped = notes(jobs, skipping, " skipped: run 1 still ").get(0);
		assertThat(skipped.reason()).matches("firing at \\d\\d:\\d\\d:\\d\\d skipped: run 1 still (DEPLOYING|RUNNING)");
		assertThat(deployingOf(jobs, skipping, 2).reason()).startsWith("started by schedule: firing at ")
			.doesNotContain("queued");

		JobEvent queued = notes(jobs, queueing, " queued: run 1 still ").get(0);
		String firing = queued.reason().substring("firing at ".length(), "firing at HH:mm:ss".length());
		JobEvent ended = jobs.events(queueing)
			.stream()
			.filter((event) -> event.runNumber() == 1 && event.to() == JobState.COMPLETED)
			.findFirst()
			.orElseThrow();
		JobEvent second = deployingOf(jobs, queueing, 2);
		assertThat(second.reason())
			.isEqualTo("started by schedule: firing at " + firing + ", queued until run 1 ended");
		// taken when run 1 ended, not at a later firing
		assertThat(second.at()).isBetween(ended.at(), ended.at().plusSeconds(4));

		// the handler may change the job at the same moment (a run ending, a firing): a
		// concurrent change is refused like a 409, and retried as a client would
		for (String id : List.of(skipping, queueing)) {
			await().atMost(Duration.ofSeconds(10))
				.ignoreExceptionsInstanceOf(ConcurrencyFailureException.class)
				.untilAsserted(() -> jobs.pauseSchedule(id, new dev.dcf.handler.job.Actor("alice", false)));
		}
	}

	@Test
	@Order(2)
	void aRestartBetweenFiringsNeitherLosesNorDoublesARun() {
		JobService jobs = this.handler.getBean(JobService.class);
		Job created = jobs.create(scheduled("restart", "0/10 * * * * ?", "Europe/Berlin", 2), "alice");
		String id = created.getId();
		assertThat(created.getState()).isEqualTo(JobState.CREATED);
		assertThat(created.isScheduleArmed()).isTrue();

		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> ended(jobs, id, 1));
		assertThat(jobs.events(id)).filteredOn((event) -> event.to() == JobState.STOPPING)
			.extracting(JobEvent::reason)
			.containsExactly("ran for its duration of 2 s");

		Instant down = Instant.now();
		this.handler.close();
		// at least one firing falls into the downtime, whatever the handler's start-up
		// takes
		Instant missed = nextFiringAfter(down, 10);
		await().atMost(Duration.ofSeconds(15)).until(() -> Instant.now().isAfter(missed.plusSeconds(1)));
		this.handler = handler();
		JobService after = this.handler.getBean(JobService.class);
		Instant up = Instant.now();

		await().atMost(Duration.ofSeconds(40))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> deployingOf(after, id, 3) != null);

		List<RunReport> runs = this.handler.getBean(RunService.class).list(id);
		assertThat(runs).extracting(RunReport::runNumber).containsExactly(3, 2, 1);
		List<JobEvent> starts = after.events(id)
			.stream()
			.filter((event) -> event.to() == JobState.DEPLOYING && event.from() != JobState.DEPLOYING)
			.toList();
		assertThat(starts).extracting(JobEvent::runNumber).containsExactly(1, 2, 3);
		assertThat(starts).extracting(JobEvent::reason).allMatch((reason) -> reason.startsWith("started by schedule"));
		// not lost: the firing(s) missed while no handler ran start run 2 as soon as the
		// new handler runs (late, or once now after the misfire threshold), before its
		// first regular firing
		assertThat(starts.get(1).at()).isAfter(missed).isBefore(nextFiringAfter(up, 10));
		// not doubled: run 3 is a regular firing (on a multiple of 10 s, Berlin time);
		// any firing between is skipped while run 2 is active, with a note
		assertThat(starts.get(2).reason()).matches("started by schedule: firing at \\d\\d:\\d\\d:\\d0");
		List<JobEvent> between = after.events(id)
			.stream()
			.filter((event) -> event.at().isAfter(starts.get(1).at()) && event.at().isBefore(starts.get(2).at()))
			.filter((event) -> event.reason().startsWith("firing at "))
			.toList();
		assertThat(between).extracting(JobEvent::reason)
			.allMatch((reason) -> reason.contains(" skipped: run 2 still "));
		assertThat(starts.get(2).reason()).doesNotEndWith(LOCAL.format(missed.atZone(BERLIN)));
	}

	/** The next multiple of {@code period} seconds after {@code at}. */
	private static Instant nextFiringAfter(Instant at, int period) {
		long seconds = at.getEpochSecond();
		return Instant.ofEpochSecond(seconds - Math.floorMod(seconds, period) + period);
	}

	private dev.dcf.handler.job.JobRequest scheduled(String name, String cron, String zone, long duration) {
		return TestJobs.request()
			.name("cron-" + name)
			.image(TestImages.SLEEPER)
			.containers(1)
			.cpuLimit(0.1)
			.memoryLimitMb(64)
			.env(Map.of())
			.agentLabels(Map.of("it", this.label))
			.durationSeconds(duration)
			.schedule(cron, zone, name.equals("queue") ? "queue" : "skip")
			.start(true)
			.build();
	}

	private static boolean ended(JobService jobs, String id, int run) {
		return jobs.events(id)
			.stream()
			.anyMatch((event) -> event.runNumber() == run && event.to() == JobState.COMPLETED);
	}

	private static JobEvent deployingOf(JobService jobs, String id, int run) {
		return jobs.events(id)
			.stream()
			.filter((event) -> event.runNumber() == run && event.to() == JobState.DEPLOYING
					&& event.from() != JobState.DEPLOYING)
			.findFirst()
			.orElse(null);
	}

	private static List<JobEvent> notes(JobService jobs, String id, String text) {
		List<JobEvent> notes = jobs.events(id).stream().filter((event) -> event.reason().contains(text)).toList();
		assertThat(notes).as("timeline entries with '%s'", text).isNotEmpty();
		return notes;
	}

	private ConfigurableApplicationContext handler() {
		List<String> args = new ArrayList<>();
		args.add("--server.port=0");
		args.add("--spring.main.banner-mode=off");
		args.add("--dcf.data-dir=" + this.dataDir);
		args.add("--dcf.security.admin-password=admin-secret");
		args.add("--dcf.handler.agent-timeout=4s");
		args.add("--dcf.handler.placement-interval=1s");
		args.add("--dcf.handler.limits.min-duration=1s");
		this.topics.handlerProperties().forEach((name, value) -> args.add("--" + name + "=" + value));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(JobHandlerApplication.class)
			.run(args.toArray(String[]::new));
		this.running.add(context);
		return context;
	}

	private static Path dataDir() {
		try {
			return Files.createTempDirectory("dcf-handler-cron").toAbsolutePath();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
