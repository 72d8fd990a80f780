package dev.dcf.handler.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.dcf.handler.agent.Agent;
import dev.dcf.handler.agent.AgentCapacity;
import dev.dcf.handler.agent.AgentCheck;
import dev.dcf.handler.agent.AgentHeartbeat;
import dev.dcf.handler.agent.AgentRepository;
import dev.dcf.handler.agent.AgentService;
import dev.dcf.handler.agent.AgentState;
import dev.dcf.handler.agent.ContainerStats;
import dev.dcf.handler.agent.ReportedContainer;
import dev.dcf.handler.instruction.InstructionOutbox;
import dev.dcf.handler.job.ContainerState;
import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobRepository;
import dev.dcf.handler.job.JobState;
import dev.dcf.handler.stats.ContainerStatsService;
import dev.dcf.handler.job.TestJobs;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Heartbeats on the real database: the agent's containers reconciled with the jobs. Each
 * heartbeat commits, as in the application.
 */
@DataJpaTest(showSql = false)
@Import({ HeartbeatService.class, AgentService.class, InstructionOutbox.class, ContainerStatsService.class,
		HeartbeatServiceTests.Fixed.class })
@EnableConfigurationProperties(ReportSequences.class)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class HeartbeatServiceTests {

	private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

	@Autowired
	HeartbeatService heartbeats;

	@Autowired
	JobRepository jobs;

	@Autowired
	AgentRepository agents;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	ContainerStatsService stats;

	@Test
	void anAppliedHeartbeatHandsItsContainerStatsOverAndAStaleOneDoesNot() {
		String agent = agentId();
		String job = "job-" + agent;
		this.heartbeats.handle(heartbeat(agent, 5, AgentState.HEALTHY, sampled(job, 25.0)));

		this.heartbeats.handle(heartbeat(agent, 4, AgentState.HEALTHY, sampled(job, 99.0)));

		assertThat(this.stats.forJob(job)).singleElement()
			.satisfies((sample) -> assertThat(sample.stats().cpuPercent()).isEqualTo(25.0));

		this.heartbeats.handle(heartbeat(agent, 6, AgentState.HEALTHY));

		assertThat(this.stats.forJob(job)).isEmpty();
	}

	@Test
	void aLostAgentThatComesBackWithTheRunsContainersRunningResumesItsJob() {
		String agent = agentId();
		this.heartbeats.handle(heartbeat(agent, 1, AgentState.HEALTHY));
		Job job = running(agent, 1);
		lose(agent, job);

		this.heartbeats.handle(heartbeat(agent, 5, AgentState.HEALTHY, container(job, 0), container(job, 1)));

		assertThat(this.agents.findById(agent).orElseThrow().getStatus()).isEqualTo(AgentState.HEALTHY);
		Job resumed = this.jobs.findById(job.getId()).orElseThrow();
		assertThat(resumed.getState()).isEqualTo(JobState.RUNNING);
		assertThat(resumed.getStateReason())
			.isEqualTo("agent " + agent + " is back with all 2 containers of run 1 running: run resumed");
		assertThat(resumed.getRun().getStartedAt()).isEqualTo(job.getRun().getStartedAt());
		assertThat(deletes(agent)).isEmpty();
	}

	@Test
	void aLostAgentThatComesBackWithoutAllTheRunsContainersIsToldToRemoveThemOnce() {
		String agent = agentId();
		this.heartbeats.handle(heartbeat(agent, 1, AgentState.HEALTHY));
		Job job = running(agent, 1);
		lose(agent, job);
		ReportedContainer exited = new ReportedContainer(job.getId(), 1, 1, "c1", "dcf-" + job.getId() + "-1",
				ContainerState.EXITED, 137, T0, T0.plusSeconds(20));

		this.heartbeats.handle(heartbeat(agent, 5, AgentState.HEALTHY, container(job, 0), exited));
		this.heartbeats.handle(heartbeat(agent, 6, AgentState.HEALTHY, container(job, 0), exited));

		assertThat(deletes(agent)).containsExactly(job.getId() + "/1");
		assertThat(this.jobs.findById(job.getId()).orElseThrow().getState()).isEqualTo(JobState.LOST);
	}

	@Test
	void aLostJobIsNeitherResumedNorRemovedOnAListTheAgentCouldNotRefresh() {
		String agent = agentId();
		this.heartbeats.handle(heartbeat(agent, 1, AgentState.HEALTHY));
		Job job = running(agent, 1);
		lose(agent, job);

		this.heartbeats.handle(heartbeat(agent, 5, AgentState.UNHEALTHY, container(job, 0), container(job, 1)));

		assertThat(deletes(agent)).isEmpty();
		assertThat(this.jobs.findById(job.getId()).orElseThrow().getState()).isEqualTo(JobState.LOST);
	}

	@Test
	void aLostJobStoppedMeanwhileIsRemovedNotResumedWhenItsAgentComesBack() {
		String agent = agentId();
		this.heartbeats.handle(heartbeat(agent, 1, AgentState.HEALTHY));
		Job job = running(agent, 1);
		lose(agent, job);
		inTransaction(() -> {
			Job found = this.jobs.findById(job.getId()).orElseThrow();
			found.requestStop("stopped by alice", T0.plusSeconds(40));
			this.jobs.save(found);
		});

		this.heartbeats.handle(heartbeat(agent, 5, AgentState.HEALTHY, container(job, 0), container(job, 1)));

		assertThat(this.jobs.findById(job.getId()).orElseThrow().getState()).isEqualTo(JobState.LOST);
		assertThat(deletes(agent)).containsExactly(job.getId() + "/1");
	}

	@Test
	void aRunningJobWhoseContainersAreGoneAfterItsDurationCompletesInsteadOfFailing() {
		String agent = agentId();
		// started at T0, 30 s: the handler's clock (T0 + 60 s) is past its end
		Job job = running(agent, 1, TestJobs.request().durationSeconds(30L));

		this.heartbeats.handle(heartbeat(agent, 5, AgentState.HEALTHY));
		this.heartbeats.handle(heartbeat(agent, 6, AgentState.HEALTHY));

		Job done = this.jobs.findById(job.getId()).orElseThrow();
		assertThat(done.getState()).isEqualTo(JobState.COMPLETED);
		assertThat(done.getStateReason())
			.isEqualTo("ran for its duration of 30 s: its containers are gone from agent " + agent);
	}

	@Test
	void anExclusiveJobWaitingForReplacementIsReplacedWhenItsAgentReturnsWithoutItsContainers() {
		String agent = agentId();
		this.heartbeats.handle(heartbeat(agent, 1, AgentState.HEALTHY));
		Job job = running(agent, 1, TestJobs.request().exclusive(true));
		lose(agent, job);

		this.heartbeats.handle(heartbeat(agent, 5, AgentState.HEALTHY));

		Job replaced = this.jobs.findById(job.getId()).orElseThrow();
		assertThat(replaced.getState()).isEqualTo(JobState.DEPLOYING);
		assertThat(replaced.getRunNumber()).isEqualTo(2);
		assertThat(replaced.getStateReason())
			.isEqualTo("agent " + agent + " is back without the containers of run 1: run 1 replaced by run 2");
	}

	@Test
	void aJobThatWaitsForItsAgentStaysLostWhenTheAgentReturnsWithoutItsContainers() {
		String agent = agentId();
		this.heartbeats.handle(heartbeat(agent, 1, AgentState.HEALTHY));
		Job job = running(agent, 1, TestJobs.request().onAgentLost("wait"));
		lose(agent, job);

		this.heartbeats.handle(heartbeat(agent, 5, AgentState.HEALTHY));

		assertThat(this.jobs.findById(job.getId()).orElseThrow().getState()).isEqualTo(JobState.LOST);
	}

	private void lose(String agent, Job job) {
		inTransaction(() -> {
			Agent lost = this.agents.findById(agent).orElseThrow();
			lost.markLost(T0.plusSeconds(30));
			this.agents.save(lost);
			Job found = this.jobs.findById(job.getId()).orElseThrow();
			found.markLost("agent stopped heartbeating", T0.plusSeconds(30));
			this.jobs.save(found);
		});
	}

	@Test
	void aHeartbeatFromTooFarInTheFutureIsRefusedSoItCannotMakeTheAgentDeaf() {
		String agent = agentId();
		this.heartbeats.handle(heartbeat(agent, micros(T0), AgentState.HEALTHY));
		// the handler's clock is T0 + 60 s; the allowed skew is 2 min
		long forged = micros(T0.plusSeconds(3600));

		this.heartbeats.handle(heartbeat(agent, forged, AgentState.UNHEALTHY));

		assertThat(this.agents.findById(agent).orElseThrow().getLastSequence()).isEqualTo(micros(T0));
		this.heartbeats.handle(heartbeat(agent, micros(T0.plusSeconds(55)), AgentState.UNHEALTHY));
		assertThat(this.agents.findById(agent).orElseThrow().getStatus()).as("still heard")
			.isEqualTo(AgentState.UNHEALTHY);
		this.heartbeats.handle(heartbeat(agent, micros(T0.plusSeconds(60 + 110)), AgentState.HEALTHY));
		assertThat(this.agents.findById(agent).orElseThrow().getStatus()).as("within the skew")
			.isEqualTo(AgentState.HEALTHY);
	}

	private static long micros(Instant at) {
		return ChronoUnit.MICROS.between(Instant.EPOCH, at);
	}

	@Test
	void containersOfTheJobsCurrentRunOnItsAgentStay() {
		String agent = agentId();
		Job job = running(agent, 1);

		this.heartbeats.handle(heartbeat(agent, 5, AgentState.HEALTHY, container(job, 0), container(job, 1)));

		assertThat(deletes(agent)).isEmpty();
		assertThat(this.jobs.findById(job.getId()).orElseThrow().getState()).isEqualTo(JobState.RUNNING);
	}

	@Test
	void aRunningJobWhoseContainersTwoHeartbeatsInARowDoNotShowFails() {
		String agent = agentId();
		Job job = running(agent, 10);

		this.heartbeats.handle(heartbeat(agent, 11, AgentState.HEALTHY, container(job, 1)));
		assertThat(this.jobs.findById(job.getId()).orElseThrow().getState()).isEqualTo(JobState.RUNNING);
		this.heartbeats.handle(heartbeat(agent, 12, AgentState.HEALTHY, container(job, 1)));

		Job failed = this.jobs.findById(job.getId()).orElseThrow();
		assertThat(failed.getState()).isEqualTo(JobState.FAILED);
		assertThat(failed.getStateReason())
			.isEqualTo("agent " + agent + " no longer has container [0] of the job (removed outside DCF?)");
	}

	@Test
	void containersAreNotMissedByHeartbeatsOlderThanTheJobsNewestReportOrFromAnAgentWithoutDocker() {
		String agent = agentId();
		Job job = running(agent, 20);

		this.heartbeats.handle(heartbeat(agent, 15, AgentState.HEALTHY));
		this.heartbeats.handle(heartbeat(agent, 16, AgentState.HEALTHY));
		this.heartbeats.handle(heartbeat(agent, 21, AgentState.UNHEALTHY));
		this.heartbeats.handle(heartbeat(agent, 22, AgentState.UNHEALTHY));

		assertThat(this.jobs.findById(job.getId()).orElseThrow().getState()).isEqualTo(JobState.RUNNING);
	}

	@Test
	void aMissingContainerThatShowsAgainIsForgiven() {
		String agent = agentId();
		Job job = running(agent, 10);

		this.heartbeats.handle(heartbeat(agent, 11, AgentState.HEALTHY, container(job, 1)));
		this.heartbeats.handle(heartbeat(agent, 12, AgentState.HEALTHY, container(job, 0), container(job, 1)));
		this.heartbeats.handle(heartbeat(agent, 13, AgentState.HEALTHY, container(job, 1)));

		assertThat(this.jobs.findById(job.getId()).orElseThrow().getState()).isEqualTo(JobState.RUNNING);
	}

	/** A RUNNING job of two containers on the agent, its newest report at {@code seq}. */
	/** A running job whose duration (10 min) is far from over on the test clock. */
	private Job running(String agentId, long sequence) {
		return running(agentId, sequence, TestJobs.request().durationSeconds(600L));
	}

	private Job running(String agentId, long sequence, TestJobs.Request request) {
		return new TransactionTemplate(this.transactionManager).execute((status) -> {
			Job job = TestJobs.job(request.containers(2).build(), "alice", T0);
			job.start("started", T0);
			job.assignTo(agentId, T0);
			job.acceptStatusSequence(sequence);
			job.markRunning(T0);
			return this.jobs.save(job);
		});
	}

	private void inTransaction(Runnable action) {
		new TransactionTemplate(this.transactionManager).executeWithoutResult((status) -> action.run());
	}

	private List<String> deletes(String agentId) {
		return this.jdbc.queryForList(
				"select job_id || '/' || run_number from instruction_outbox where agent_id = ? and operation = 'DELETE' order by seq",
				String.class, agentId);
	}

	private static String agentId() {
		return "a-" + UUID.randomUUID().toString().substring(0, 8);
	}

	private static AgentHeartbeat heartbeat(String agentId, long sequence, AgentState health,
			ReportedContainer... containers) {
		return new AgentHeartbeat(agentId, sequence, T0, health,
				List.of(new AgentCheck("docker", health == AgentState.HEALTHY, null)),
				new AgentCapacity(4, 8L << 30, 6L << 30, null, containers.length, 20), Map.of(), "host", "0.1.0", null,
				Duration.ofSeconds(5), List.of(containers));
	}

	private static ReportedContainer sampled(String jobId, double cpuPercent) {
		return new ReportedContainer(jobId, 1, 0, "c0", "dcf-" + jobId + "-0", ContainerState.RUNNING, null, T0, null,
				null, new ContainerStats(cpuPercent, 100L << 20, 256L << 20, null, T0));
	}

	private static ReportedContainer container(Job job, int index) {
		return new ReportedContainer(job.getId(), job.getRunNumber(), index, "c" + index,
				"dcf-" + job.getId() + "-" + index, ContainerState.RUNNING, null, T0, null);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Fixed {

		@Bean
		Clock clock() {
			return Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC);
		}

	}

}
