package dev.dcf.handler.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import dev.dcf.handler.job.Actor;
import dev.dcf.handler.job.ContainerState;
import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobConflictException;
import dev.dcf.handler.job.JobContainer;
import dev.dcf.handler.job.JobContainerRepository;
import dev.dcf.handler.job.GeneratorProperties;
import dev.dcf.handler.job.JobLimits;
import dev.dcf.handler.job.JobRepository;
import dev.dcf.handler.job.JobRequestValidator;
import dev.dcf.handler.job.JobService;
import dev.dcf.handler.job.JobState;
import dev.dcf.handler.job.RecordsProduced;
import dev.dcf.handler.job.TestJobs;
import dev.dcf.handler.job.TopicOffsets;
import dev.dcf.handler.schedule.QuartzCronRules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The run bookkeeping over the real database (H2 with the migrations), with every job
 * change committed as in production: runs begin, end, carry their reason, agents, records
 * and measured figures, and a run can be repeated pinned to its digest.
 */
@DataJpaTest(showSql = false)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@Import({ RunBookkeeping.class, RunService.class, JobService.class, RecordsProduced.class, JobRequestValidator.class,
		QuartzCronRules.class, RunBookkeepingTests.Fixtures.class })
@EnableConfigurationProperties({ JobLimits.class, GeneratorProperties.class })
class RunBookkeepingTests {

	static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

	static final String DIGEST = "sha256:" + "ab".repeat(32);

	@Autowired
	JobRepository jobs;

	@Autowired
	JobContainerRepository containers;

	@Autowired
	RunService runs;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	Fixtures fixtures;

	@Test
	void aRunBeginsWhenTheJobDeploysAndEndsWithItsReasonRecordsAndAgent() {
		String id = newJob();
		// counted from the deploy: records written before STARTED arrives belong to the
		// run
		this.fixtures.endOffsets.set(100);
		change(id, (job) -> job.start("started by alice", at(0)));
		change(id, (job) -> job.assignTo("agent-a", at(1)));
		this.fixtures.endOffsets.set(160);
		change(id, (job) -> job.markRunning(at(2)));
		container(id, 1, 0, "agent-a", 0, DIGEST);
		this.fixtures.endOffsets.set(1100);
		change(id, (job) -> job.complete("all containers exited with 0", at(12)));

		RunReport report = this.runs.report(id, 1);
		assertThat(report.startedAt()).isEqualTo(at(0));
		assertThat(report.runningAt()).isEqualTo(at(2));
		assertThat(report.endedAt()).isEqualTo(at(12));
		assertThat(report.state()).isEqualTo(JobState.COMPLETED);
		assertThat(report.endReason()).isEqualTo("all containers exited with 0");
		assertThat(report.agents()).containsExactly("agent-a");
		assertThat(report.records()).isEqualTo(1000);
		assertThat(report.runSeconds()).isEqualTo(10);
		assertThat(report.averageRecordsPerSecond()).isEqualTo(100.0);
		assertThat(report.imageDigest()).isEqualTo(DIGEST);
		assertThat(report.containers()).singleElement().satisfies((c) -> assertThat(c.exitCode()).isZero());
		assertThat(report.bytes()).isNull();
		assertThat(report.peakRecordsPerSecond()).isNull();
	}

	@Test
	void theEnvironmentIsMaskedAndTheSeedReported() {
		String id = this.transactions
			.execute((tx) -> this.jobs
				.save(TestJobs.job(TestJobs.request().env(Map.of("SEED", "42", "DB_PASSWORD", "hunter2")).build(),
						"alice", T0))
				.getId());
		change(id, (job) -> job.start("started", at(0)));

		RunReport report = this.runs.report(id, 1);
		assertThat(report.seed()).isEqualTo("42");
		assertThat(report.env()).containsEntry("SEED", "42").doesNotContainValue("hunter2");
		assertThat(report.endedAt()).isNull();
		assertThat(report.current()).isTrue();
	}

	@Test
	void aReplacementEndsTheLostRunAndBeginsTheNext() {
		String id = newJob();
		change(id, (job) -> job.start("started", at(0)));
		change(id, (job) -> job.assignTo("agent-a", at(1)));
		change(id, (job) -> job.markRunning(at(2)));
		change(id, (job) -> job.markLost("agent agent-a stopped heartbeating", at(5)));
		change(id, (job) -> job.replace("agent agent-a lost", at(9)));
		change(id, (job) -> job.assignTo("agent-b", at(10)));
		change(id, (job) -> job.markRunning(at(11)));

		List<RunReport> all = this.runs.list(id);
		assertThat(all).extracting(RunReport::runNumber).containsExactly(2, 1);
		RunReport first = all.get(1);
		assertThat(first.endedAt()).isEqualTo(at(9));
		assertThat(first.state()).isEqualTo(JobState.LOST);
		assertThat(first.endReason()).isEqualTo("agent agent-a stopped heartbeating");
		assertThat(first.agents()).containsExactly("agent-a");
		assertThat(all.get(0).endedAt()).isNull();
		assertThat(all.get(0).agents()).containsExactly("agent-b");
	}

	@Test
	void aScheduledJobThatIsCancelledHasNoRun() {
		String id = this.transactions.execute((tx) -> this.jobs
			.save(TestJobs.job(TestJobs.request().startAt(T0.plusSeconds(3600)).build(), "alice", T0))
			.getId());
		change(id, (job) -> job.start("started", at(0)));
		change(id, (job) -> job.requestStop("cancelled", at(1)));

		assertThat(this.runs.list(id)).isEmpty();
		assertThatExceptionOfType(RunNotFoundException.class).isThrownBy(() -> this.runs.report(id, 1));
	}

	@Test
	void measuredBytesAndPeakRateAreStoredAndUnknownValuesKeepThem() {
		String id = newJob();
		change(id, (job) -> job.start("started", at(0)));

		this.runs.measured(id, 1, 2048L, 512.5);
		this.runs.measured(id, 1, null, null);
		this.runs.measured(id, 7, 1L, 1.0);

		RunReport report = this.runs.report(id, 1);
		assertThat(report.bytes()).isEqualTo(2048L);
		assertThat(report.peakRecordsPerSecond()).isEqualTo(512.5);
	}

	@Test
	void runningAgainIdenticallyStartsTheNextRunPinnedToTheDigest() {
		String id = newJob();
		change(id, (job) -> job.start("started", at(0)));
		change(id, (job) -> job.assignTo("agent-a", at(1)));
		change(id, (job) -> job.markRunning(at(2)));
		container(id, 1, 0, "agent-a", 0, DIGEST);
		change(id, (job) -> job.complete("done", at(3)));

		Job again = this.runs.rerun(id, 1, new Actor("alice", false));

		assertThat(again.getRunNumber()).isEqualTo(2);
		assertThat(again.getState()).isEqualTo(JobState.DEPLOYING);
		assertThat(again.getRunImage()).isEqualTo(DIGEST);
		assertThat(this.runs.report(id, 2).image()).isEqualTo(DIGEST);
		assertThat(this.runs.report(id, 1).image()).isEqualTo(again.getImage());
		assertThatExceptionOfType(JobConflictException.class)
			.isThrownBy(() -> this.runs.rerun(id, 1, new Actor("alice", false)))
			.withMessageContaining("ended");
		change(id, (job) -> job.requestStop("stopped", at(5)));
		change(id, (job) -> job.start("started again", at(6)));
		assertThat(this.jobs.findById(id).orElseThrow().getRunImage()).isEqualTo(again.getImage());
	}

	@Test
	void aRunWithoutADigestCannotBeRepeated() {
		String id = newJob();
		change(id, (job) -> job.start("started", at(0)));
		change(id, (job) -> job.fail("no agent in time", at(1)));

		assertThatExceptionOfType(JobConflictException.class)
			.isThrownBy(() -> this.runs.rerun(id, 1, new Actor("alice", false)))
			.withMessageContaining("no recorded image digest");
	}

	private String newJob() {
		return this.transactions.execute((tx) -> this.jobs.save(TestJobs.job("alice", T0)).getId());
	}

	private void change(String id, Consumer<Job> change) {
		this.transactions.executeWithoutResult((tx) -> {
			Job job = this.jobs.findById(id).orElseThrow();
			change.accept(job);
			this.jobs.save(job);
		});
	}

	private void container(String id, int run, int index, String agent, Integer exitCode, String digest) {
		this.transactions.executeWithoutResult((tx) -> {
			JobContainer container = new JobContainer(id, run, index, agent, at(2));
			container.observe("c" + index, "dcf-" + id + "-" + index, ContainerState.EXITED, exitCode, at(2), at(3),
					at(3));
			container.observeImage(digest);
			this.containers.save(container);
		});
	}

	private static Instant at(int seconds) {
		return T0.plus(Duration.ofSeconds(seconds));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Fixtures {

		final AtomicLong endOffsets = new AtomicLong();

		@Bean
		Clock clock() {
			return Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC);
		}

		@Bean
		TopicOffsets topicOffsets() {
			return (topic) -> OptionalLong.of(this.endOffsets.get());
		}

	}

}
