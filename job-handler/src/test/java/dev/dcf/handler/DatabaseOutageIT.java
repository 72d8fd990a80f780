package dev.dcf.handler;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobEvent;
import dev.dcf.handler.job.JobRepository;
import dev.dcf.handler.job.JobService;
import dev.dcf.handler.job.JobState;
import dev.dcf.handler.job.TestJobs;
import dev.dcf.standalone.testkit.TestTopics;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The handler on PostgreSQL (schema of its own) losing its database for 40 s around the
 * time a job's stop trigger is due: every connection is cut and new ones are refused.
 * Once the database is back the job stops, once, and the handler works on. (What happens
 * inside: Quartz cannot scan for due triggers, logs and retries; once the database is
 * back its misfire handler, retrying every 15 s, fires the overdue trigger.)
 */
@ExtendWith(TestPostgres.class)
class DatabaseOutageIT {

	private static final Duration OUTAGE = Duration.ofSeconds(40);

	private final TestTopics topics = TestTopics.unique("db-outage");

	private final String schema = "outage_" + UUID.randomUUID().toString().substring(0, 8);

	private final List<AutoCloseable> running = new ArrayList<>();

	@AfterEach
	void stopAll() throws Exception {
		for (int i = this.running.size() - 1; i >= 0; i--) {
			this.running.get(i).close();
		}
		try (Connection connection = DriverManager.getConnection(TestPostgres.URL, TestPostgres.USER,
				TestPostgres.PASSWORD); Statement statement = connection.createStatement()) {
			statement.execute("drop schema if exists " + this.schema + " cascade");
		}
	}

	@Test
	void aStopDueWhileTheDatabaseIsDownHappensOnceItIsBack() throws Exception {
		URI postgres = URI.create(TestPostgres.URL.substring("jdbc:".length()));
		TcpCut database = new TcpCut(postgres.getPort());
		this.running.add(database);
		ConfigurableApplicationContext handler = handler(database.port(), postgres.getPath());
		JobService jobs = handler.getBean(JobService.class);
		Clock clock = handler.getBean(Clock.class);
		// stop due 10 s from now, in the middle of the outage
		String jobId = runningJob(handler, clock.instant().minusSeconds(50));

		database.cut();
		Instant cut = clock.instant();
		// the outage simply lasts: nothing to wait for
		await().pollDelay(OUTAGE).atMost(OUTAGE.plusSeconds(5)).until(() -> true);
		database.restore();
		Instant restored = clock.instant();

		await().atMost(Duration.ofSeconds(90)).until(() -> jobs.get(jobId).getState() == JobState.STOPPING);
		List<JobEvent> stops = jobs.events(jobId).stream().filter((event) -> event.to() == JobState.STOPPING).toList();
		assertThat(stops).singleElement().satisfies((stop) -> assertThat(stop.at()).isAfter(restored));
		assertThat(Duration.between(cut, restored)).isGreaterThanOrEqualTo(OUTAGE);

		// and the schedules work on: a new job stops on time
		String next = runningJob(handler, clock.instant().minusSeconds(57));
		await().atMost(Duration.ofSeconds(30)).until(() -> jobs.get(next).getState() == JobState.STOPPING);
	}

	private String runningJob(ConfigurableApplicationContext handler, Instant since) {
		TransactionTemplate transactions = handler.getBean(TransactionTemplate.class);
		JobRepository repository = handler.getBean(JobRepository.class);
		return transactions.execute((status) -> {
			Job job = TestJobs.job(TestJobs.request().durationSeconds(60L).build(), "alice", since);
			job.start("started by alice", since);
			job.assignTo("agent-nowhere", since);
			job.markRunning(since);
			return repository.save(job).getId();
		});
	}

	private ConfigurableApplicationContext handler(int port, String database) throws IOException {
		Path dataDir = Files.createTempDirectory("dcf-db-outage").toAbsolutePath();
		List<String> args = new ArrayList<>();
		args.add("--server.port=0");
		args.add("--spring.main.banner-mode=off");
		args.add("--dcf.data-dir=" + dataDir);
		args.add("--dcf.security.admin-password=admin-secret");
		args.add("--spring.datasource.url=jdbc:postgresql://localhost:" + port + database + "?currentSchema="
				+ this.schema);
		args.add("--spring.datasource.username=" + TestPostgres.USER);
		args.add("--spring.datasource.password=" + TestPostgres.PASSWORD);
		args.add("--spring.flyway.schemas=" + this.schema);
		this.topics.handlerProperties().forEach((name, value) -> args.add("--" + name + "=" + value));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(JobHandlerApplication.class)
			.run(args.toArray(String[]::new));
		this.running.add(context);
		return context;
	}

}
