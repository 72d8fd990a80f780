package dev.dcf.handler.schedule;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What Quartz does with a transition that fails, on a real (in-memory) Quartz scheduler:
 * refiring and trigger deletion are decided by Quartz's {@code JobRunShell}, the same for
 * every job store.
 */
class TriggeredTransitionTests {

	private static final List<String> calls = new CopyOnWriteArrayList<>();

	private static volatile Consumer<Integer> behaviour = (call) -> {
	};

	private Scheduler scheduler;

	@AfterEach
	void shutdown() throws SchedulerException {
		if (this.scheduler != null) {
			this.scheduler.shutdown(true);
		}
		calls.clear();
	}

	@Test
	void aTransitionThatFailsOnceOnADatabaseErrorFiresAgainAndSucceeds() throws Exception {
		behaviour = (call) -> {
			if (call == 1) {
				throw new CannotCreateTransactionException("Could not open JPA EntityManager",
						new SQLTransientConnectionException("Connection is not available, request timed out"));
			}
		};
		TriggerKey key = fire("job-1", 3);

		await().atMost(Duration.ofSeconds(10)).until(() -> calls.size() == 2);
		assertThat(calls).containsExactly("job-1/3", "job-1/3");
		// done: the trigger of no repeat is gone only now
		await().atMost(Duration.ofSeconds(5)).until(() -> !this.scheduler.checkExists(key));
	}

	@Test
	void aTransitionKeepsFiringWhileTheDatabaseIsDown() throws Exception {
		behaviour = (call) -> {
			if (call <= 3) {
				throw new DataAccessResourceFailureException("Connection refused");
			}
		};
		fire("job-2", 1);

		await().atMost(Duration.ofSeconds(20)).until(() -> calls.size() == 4);
	}

	@Test
	void aFailureOtherThanADatabaseErrorIsLeftToQuartzWhichDeletesTheTrigger() throws Exception {
		behaviour = (call) -> {
			throw new StackOverflowError("simulated");
		};
		TriggerKey key = fire("job-3", 1);

		await().atMost(Duration.ofSeconds(5)).until(() -> calls.size() == 1 && !this.scheduler.checkExists(key));
		// TriggerRepair gives the job a trigger again: not refired here
		assertThat(calls).hasSize(1);
	}

	@Test
	void aShutdownEndsThePauseAtOnce() throws Exception {
		behaviour = (call) -> {
			throw new DataAccessResourceFailureException("Connection refused");
		};
		fire("job-4", 1);
		await().atMost(Duration.ofSeconds(5)).until(() -> calls.size() >= 1);

		long before = System.nanoTime();
		this.scheduler.shutdown(true);
		this.scheduler = null;

		assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(1));
	}

	@Test
	void thePauseGrowsAndIsBounded() {
		RuntimeException down = new DataAccessResourceFailureException("down");
		assertThat(TriggeredTransition.pause(down, 0)).isEqualTo(Duration.ofSeconds(1));
		assertThat(TriggeredTransition.pause(down, 1)).isEqualTo(Duration.ofSeconds(2));
		assertThat(TriggeredTransition.pause(down, 3)).isEqualTo(Duration.ofSeconds(8));
		assertThat(TriggeredTransition.pause(down, 5)).isEqualTo(TriggeredTransition.MAX_PAUSE);
		assertThat(TriggeredTransition.pause(down, Integer.MAX_VALUE)).isEqualTo(TriggeredTransition.MAX_PAUSE);
	}

	@Test
	void aConflictWithAConcurrentChangeFiresAgainAtOnceAFewTimes() {
		RuntimeException conflict = new ObjectOptimisticLockingFailureException("Job", "job-1");
		assertThat(TriggeredTransition.pause(conflict, 0)).isZero();
		assertThat(TriggeredTransition.pause(conflict, TriggeredTransition.IMMEDIATE_CONFLICT_REFIRES - 1)).isZero();
		assertThat(TriggeredTransition.pause(conflict, TriggeredTransition.IMMEDIATE_CONFLICT_REFIRES)).isPositive();
	}

	@Test
	void databaseErrorsAreRecognisedThroughTheirCauses() {
		assertThat(TriggeredTransition.isDatabaseError(new IllegalStateException("Cannot cancel dcf-stop of job x",
				new SchedulerException(new java.sql.SQLException("connection refused")))))
			.isTrue();
		assertThat(TriggeredTransition.isDatabaseError(new jakarta.persistence.PersistenceException("timeout")))
			.isTrue();
		assertThat(TriggeredTransition.isDatabaseError(new IllegalStateException("a bug"))).isFalse();
	}

	private TriggerKey fire(String jobId, int runNumber) throws SchedulerException {
		Properties properties = new Properties();
		properties.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, "test-" + UUID.randomUUID());
		properties.setProperty("org.quartz.threadPool.threadCount", "1");
		properties.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
		properties.setProperty("org.quartz.scheduler.interruptJobsOnShutdownWithWait", "true");
		this.scheduler = new StdSchedulerFactory(properties).getScheduler();
		this.scheduler.setJobFactory((bundle, scheduler) -> new Recording());
		JobDetail detail = JobBuilder.newJob(Recording.class)
			.withIdentity(jobId, JobTriggers.STOP_GROUP)
			.usingJobData(JobTriggers.JOB_ID, jobId)
			.usingJobData(JobTriggers.RUN_NUMBER, Integer.toString(runNumber))
			.build();
		Trigger trigger = TriggerBuilder.newTrigger()
			.withIdentity(jobId, JobTriggers.STOP_GROUP)
			.forJob(detail)
			.startAt(Date.from(Instant.ofEpochMilli(System.currentTimeMillis())))
			.build();
		this.scheduler.scheduleJob(detail, trigger);
		this.scheduler.start();
		return trigger.getKey();
	}

	/** Records its calls and does what the test says. */
	static class Recording extends TriggeredTransition {

		@Override
		void transition(String jobId, int runNumber) {
			calls.add(jobId + "/" + runNumber);
			behaviour.accept(calls.size());
		}

	}

}
