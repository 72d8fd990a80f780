package dev.dcf.handler.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.dcf.handler.JobHandlerApplication;
import dev.dcf.testsupport.TestTopics;
import dev.dcf.handler.job.Actor;
import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobEvent;
import dev.dcf.handler.job.JobService;
import dev.dcf.handler.job.JobState;
import dev.dcf.handler.job.TestJobs;
import dev.dcf.testsupport.RequiresDocker;
import dev.dcf.testsupport.TestImages;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import dev.dcf.agent.testing.TestAgent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Schedules survive the handler: a job SCHEDULED before the handler stops is started by
 * the next handler on the same database at its start time (Quartz's JDBC job store). The
 * handlers here are whole applications of their own (topics, database, agent), started
 * and stopped by the test.
 */
@RequiresDocker
class HandlerRestartIT {

	private final TestTopics topics = TestTopics.unique("restart");

	private final Path dataDir = dataDir();

	private final List<AutoCloseable> running = new ArrayList<>();

	@BeforeAll
	static void images() {
		TestImages.ensureBuilt();
	}

	@AfterEach
	void stopAll() throws Exception {
		for (int i = this.running.size() - 1; i >= 0; i--) {
			this.running.get(i).close();
		}
	}

	@Test
	void aJobScheduledBeforeARestartStillStartsAtItsStartTime() {
		TestAgent agent = Agents.start("restart", this.topics, Map.of("it", "restart"));
		this.running.add(() -> {
			agent.close();
			try (Docker docker = new Docker()) {
				docker.removeAllOf(agent.id());
			}
		});
		Instant startAt = Instant.now().plusSeconds(15).truncatedTo(ChronoUnit.SECONDS);
		ConfigurableApplicationContext first = handler();
		Job created = first.getBean(JobService.class)
			.create(TestJobs.request()
				.image(TestImages.SLEEPER)
				.containers(1)
				.cpuLimit(0.1)
				.memoryLimitMb(64)
				.env(Map.of())
				.agentLabels(Map.of("it", "restart"))
				.startAt(startAt)
				.start(true)
				.build(), "alice");
		assertThat(created.getState()).isEqualTo(JobState.SCHEDULED);

		first.close();
		ConfigurableApplicationContext second = handler();
		JobService jobs = second.getBean(JobService.class);

		await().atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> jobs.get(created.getId()).getState() == JobState.RUNNING);
		Instant deploying = jobs.events(created.getId())
			.stream()
			.filter((event) -> event.from() == JobState.SCHEDULED && event.to() == JobState.DEPLOYING)
			.map(JobEvent::at)
			.findFirst()
			.orElseThrow();
		assertThat(deploying).isAfterOrEqualTo(startAt);
		assertThat(jobs.get(created.getId()).getAgentId()).isEqualTo(agent.id());

		jobs.stop(created.getId(), new Actor("alice", false));
		await().atMost(Duration.ofSeconds(60)).until(() -> jobs.get(created.getId()).getState() == JobState.COMPLETED);
	}

	private ConfigurableApplicationContext handler() {
		List<String> args = new ArrayList<>();
		args.add("--server.port=0");
		args.add("--spring.main.banner-mode=off");
		args.add("--dcf.data-dir=" + this.dataDir);
		args.add("--dcf.security.admin-password=admin-secret");
		args.add("--dcf.handler.agent-timeout=4s");
		args.add("--dcf.handler.placement-interval=1s");
		this.topics.handlerProperties().forEach((name, value) -> args.add("--" + name + "=" + value));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(JobHandlerApplication.class)
			.run(args.toArray(String[]::new));
		this.running.add(context);
		return context;
	}

	private static Path dataDir() {
		try {
			return Files.createTempDirectory("dcf-handler-restart").toAbsolutePath();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
