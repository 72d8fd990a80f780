package dev.dcf.handler.schedule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.impl.matchers.GroupMatcher;

import dev.dcf.testsupport.TestTopics;
import dev.dcf.handler.job.Actor;
import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobEvent;
import dev.dcf.handler.job.JobRepository;
import dev.dcf.handler.job.JobService;
import dev.dcf.handler.job.JobState;
import dev.dcf.handler.job.TestJobs;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.doThrow;

/**
 * Start and stop triggers in the whole handler on its default H2 file database: a
 * transition that fails on a real database error (a row lock held by someone else) fires
 * again, stale triggers do nothing, and a trigger deleted behind the handler's back or
 * after an {@link Error} comes back within {@code dcf.handler.trigger-repair-interval}.
 */
@SpringBootTest(properties = { "dcf.security.admin-password=admin-secret", "dcf.handler.trigger-repair-interval=1s" })
@ExtendWith(OutputCaptureExtension.class)
class SchedulesIT {

	private static final Path DATA_DIR = createDataDir();

	private static final TestTopics TOPICS = TestTopics.unique("schedules-it");

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("dcf.data-dir", DATA_DIR::toString);
		TOPICS.handlerProperties().forEach((name, value) -> registry.add(name, () -> value));
	}

	@Autowired
	JobRepository jobs;

	@Autowired
	JobService jobService;

	@MockitoSpyBean
	ScheduledTransitions transitions;

	@Autowired
	JobTriggers triggers;

	@Autowired
	Scheduler scheduler;

	@Autowired
	DataSource dataSource;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	Clock clock;

	@Test
	void aStopThatFailsOnADatabaseErrorFiresAgainAndStopsTheJobOnce(CapturedOutput output) throws Exception {
		// its stop trigger fires in about 5 s
		Instant runningSince = this.clock.instant().minusSeconds(55);
		String jobId = runningJob(60, runningSince);
		assertThat(this.triggers.hasStop(jobId)).isTrue();

		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			lockRow(connection, jobId);
			// the stop cannot write the job while the row is locked: H2's lock timeout
			await().atMost(Duration.ofSeconds(30))
				.until(() -> output.getOut().contains("StopAfterDuration of job " + jobId + " run 1 failed"));
			connection.rollback();
		}

		await().atMost(Duration.ofSeconds(30)).until(() -> this.jobService.get(jobId).getState() == JobState.STOPPING);
		assertThat(this.jobService.events(jobId)).filteredOn((event) -> event.to() == JobState.STOPPING)
			.singleElement()
			.extracting(JobEvent::reason)
			.isEqualTo("ran for its duration of 60 s");
	}

	@Test
	void aTriggerOfAnotherRunOrOneFiringTwiceDoesNothing() {
		String jobId = runningJob(3600, this.clock.instant());

		this.transitions.durationOver(jobId, 2);
		assertThat(this.jobService.get(jobId).getState()).isEqualTo(JobState.RUNNING);
		this.transitions.startTimeReached(jobId, 1);
		assertThat(this.jobService.get(jobId).getState()).isEqualTo(JobState.RUNNING);

		this.transitions.durationOver(jobId, 1);
		this.transitions.durationOver(jobId, 1);

		assertThat(this.jobService.get(jobId).getState()).isEqualTo(JobState.STOPPING);
		assertThat(this.jobService.events(jobId)).filteredOn((event) -> event.to() == JobState.STOPPING).hasSize(1);
	}

	@Test
	void aStartFiringTwiceDeploysOnce() {
		Job created = this.jobService
			.create(TestJobs.request().startAt(this.clock.instant().plusSeconds(3600)).start(true).build(), "alice");
		assertThat(created.getState()).isEqualTo(JobState.SCHEDULED);
		assertThat(this.triggers.hasStart(created.getId())).isTrue();

		this.transitions.startTimeReached(created.getId(), 1);
		this.transitions.startTimeReached(created.getId(), 1);

		assertThat(this.jobService.events(created.getId())).filteredOn((event) -> event.to() == JobState.DEPLOYING)
			.hasSize(1);
		assertThat(this.triggers.hasStart(created.getId())).isFalse();
	}

	@Test
	void aStopTriggerDeletedBehindTheHandlersBackIsBackWithinTheRepairInterval() throws Exception {
		String jobId = runningJob(3600, this.clock.instant());
		assertThat(this.triggers.hasStop(jobId)).isTrue();

		this.scheduler.deleteJob(JobKey.jobKey(jobId, JobTriggers.STOP_GROUP));
		assertThat(this.triggers.hasStop(jobId)).isFalse();

		await().atMost(Duration.ofSeconds(10)).until(() -> this.triggers.hasStop(jobId));
		assertThat(this.jobService.get(jobId).getState()).isEqualTo(JobState.RUNNING);
	}

	@Test
	void aRunningJobWhoseStopTriggerIsGoneAndWhoseTimeIsUpStopsAfterTheRepair() throws Exception {
		// Quartz paused: the stop trigger, already due, must not fire before it is gone
		this.scheduler.standby();
		try {
			String jobId = runningJob(60, this.clock.instant().minusSeconds(120));
			this.scheduler.deleteJob(JobKey.jobKey(jobId, JobTriggers.STOP_GROUP));
			assertThat(this.triggers.hasStop(jobId)).isFalse();

			await().atMost(Duration.ofSeconds(10)).until(() -> this.triggers.hasStop(jobId));
			this.scheduler.start();

			await().atMost(Duration.ofSeconds(30))
				.until(() -> this.jobService.get(jobId).getState() == JobState.STOPPING);
		}
		finally {
			this.scheduler.start();
		}
	}

	@Test
	void aStopThatThrowsAnErrorIsDeletedByQuartzAndRepaired(CapturedOutput output) {
		// its stop trigger fires in about 5 s
		String jobId = runningJob(60, this.clock.instant().minusSeconds(55));
		doThrow(new StackOverflowError("simulated")).doCallRealMethod().when(this.transitions).durationOver(jobId, 1);

		await().atMost(Duration.ofSeconds(30)).until(() -> this.jobService.get(jobId).getState() == JobState.STOPPING);
		assertThat(output.getOut()).contains("Job dcf-stop." + jobId + " threw an unhandled Exception")
			.contains("Job " + jobId + " is RUNNING without a stop trigger");
		assertThat(this.jobService.events(jobId)).filteredOn((event) -> event.to() == JobState.STOPPING).hasSize(1);
	}

	@Test
	void anArmedScheduleKeepsOneCronTriggerWhichRepairRestoresAndPauseAndDeleteRemove() throws Exception {
		Job created = this.jobService.create(
				TestJobs.request().schedule("0 0 0 1 1 ? 2099", "Europe/Berlin", null).start(true).build(), "alice");
		String jobId = created.getId();
		assertThat(created.getState()).isEqualTo(JobState.CREATED);
		assertThat(this.triggers.hasCron(jobId)).isTrue();

		this.scheduler.deleteJob(JobKey.jobKey(jobId, JobTriggers.CRON_GROUP));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.triggers.hasCron(jobId));
		// repairs every second meanwhile: never a second trigger
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> cronTriggersOf(jobId) == 1);

		Actor alice = new Actor("alice", false);
		this.jobService.pauseSchedule(jobId, alice);
		assertThat(this.triggers.hasCron(jobId)).isFalse();
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> !this.triggers.hasCron(jobId));

		this.jobService.resumeSchedule(jobId, alice);
		assertThat(this.triggers.hasCron(jobId)).isTrue();
		this.jobService.delete(jobId, alice);
		assertThat(this.triggers.hasCron(jobId)).isFalse();
	}

	@Test
	void aFiringOvertakenByAnotherDueOneStartsNothingAndTheSameFiringTwiceStartsOneRun() {
		String jobId = this.jobService
			.create(TestJobs.request().schedule("0 0 0 1 1 ? 2099", null, null).start(true).build(), "alice")
			.getId();
		Instant now = this.clock.instant();

		// two firings missed within the misfire threshold: the first is overtaken
		this.transitions.scheduleFired(jobId, now.minusSeconds(4), now.minusSeconds(2));
		assertThat(this.jobService.get(jobId).getState()).isEqualTo(JobState.CREATED);

		this.transitions.scheduleFired(jobId, now.minusSeconds(2), now.plusSeconds(3600));
		// the same firing recovered by the next handler
		this.transitions.scheduleFired(jobId, now.minusSeconds(2), now.plusSeconds(3600));

		assertThat(this.jobService.get(jobId).getState()).isEqualTo(JobState.DEPLOYING);
		assertThat(this.jobService.events(jobId)).filteredOn((event) -> event.to() == JobState.DEPLOYING)
			.singleElement()
			.extracting(JobEvent::reason)
			.asString()
			.startsWith("started by schedule: firing at ");
	}

	private int cronTriggersOf(String jobId) throws Exception {
		return (int) this.scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(JobTriggers.CRON_GROUP))
			.stream()
			.filter((key) -> key.getName().equals(jobId))
			.count();
	}

	/** A job RUNNING since {@code since} (on an agent that does not exist). */
	private String runningJob(long durationSeconds, Instant since) {
		return this.transactions.execute((status) -> {
			Job job = TestJobs.job(TestJobs.request().durationSeconds(durationSeconds).build(), "alice", since);
			job.start("started by alice", since);
			job.assignTo("agent-nowhere", since);
			job.markRunning(since);
			return this.jobs.save(job).getId();
		});
	}

	private static void lockRow(Connection connection, String jobId) throws Exception {
		try (PreparedStatement select = connection.prepareStatement("select id from job where id = ? for update")) {
			select.setString(1, jobId);
			try (ResultSet rows = select.executeQuery()) {
				assertThat(rows.next()).isTrue();
			}
		}
	}

	private static Path createDataDir() {
		try {
			return Files.createTempDirectory("dcf-schedules-it").toAbsolutePath();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
