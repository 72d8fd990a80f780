package dev.dcf.handler;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jpa.test.autoconfigure.TestEntityManager;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.annotation.Transactional;

import dev.dcf.handler.agent.Agent;
import dev.dcf.handler.agent.AgentChanged;
import dev.dcf.handler.agent.AgentCheck;
import dev.dcf.handler.agent.AgentRepository;
import dev.dcf.handler.agent.AgentService;
import dev.dcf.handler.agent.AgentState;
import dev.dcf.handler.agent.HeartbeatResult;
import dev.dcf.handler.agent.TestAgents;
import dev.dcf.handler.job.ContainerState;
import dev.dcf.handler.job.EnvVar;
import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobContainer;
import dev.dcf.handler.job.JobContainerRepository;
import dev.dcf.handler.job.JobEvent;
import dev.dcf.handler.job.JobRepository;
import dev.dcf.handler.job.JobState;
import dev.dcf.handler.job.JobStateChanged;
import dev.dcf.handler.job.TestJobs;
import dev.dcf.handler.job.GeneratorRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the Flyway migrations and the JPA mappings must do on every supported database.
 * Run on H2 by {@link PersistenceTests} and on PostgreSQL by
 * {@link PostgresMigrationsIT}; each test runs in a transaction that is rolled back.
 */
@RecordApplicationEvents
@Transactional // here too: methods declared in this class do not see the subclass's
				// @DataJpaTest
abstract class PersistenceContract {

	/** Microsecond precision: what both databases store. */
	static final Instant T0 = Instant.parse("2026-05-01T10:00:00.123456Z");

	@Autowired
	TestEntityManager entities;

	@Autowired
	JobRepository jobs;

	@Autowired
	JobContainerRepository containers;

	@Autowired
	AgentRepository agents;

	@Autowired
	AgentService agentService;

	@Autowired
	ApplicationEvents events;

	@Test
	void jobSettingsSurviveARoundTripInOrder() {
		Map<String, String> env = new LinkedHashMap<>();
		env.put("ZETA", "last-alphabetically");
		env.put("ALPHA", "");
		env.put("LONG", "v".repeat(4096));
		Job job = TestJobs.job(TestJobs.request()
			.description("d".repeat(2000))
			.command(List.of("--rate", "10", "--format=json"))
			.env(env)
			.agentLabels(Map.of("zone", "eu", "disk", "ssd"))
			.startAt(T0.plus(1, ChronoUnit.HOURS))
			.build(), "alice", T0);
		this.jobs.save(job);
		this.entities.flush();
		this.entities.clear();

		Job loaded = this.jobs.findById(job.getId()).orElseThrow();

		assertThat(loaded).isNotSameAs(job);
		assertThat(loaded.getName()).isEqualTo("sample");
		assertThat(loaded.getDescription()).hasSize(2000);
		assertThat(loaded.getImage()).isEqualTo("dcf/sample-generator:latest");
		assertThat(loaded.getCommand()).containsExactly("--rate", "10", "--format=json");
		assertThat(loaded.getTopic()).isEqualTo("sample-data");
		assertThat(loaded.getContainers()).isEqualTo(2);
		assertThat(loaded.getCpuLimit()).isEqualTo(0.5);
		assertThat(loaded.getMemoryLimitMb()).isEqualTo(256);
		assertThat(loaded.getDurationSeconds()).isEqualTo(60);
		assertThat(loaded.getStartAt()).isEqualTo(T0.plus(1, ChronoUnit.HOURS));
		assertThat(loaded.getEnv()).extracting(EnvVar::name).containsExactly("ZETA", "ALPHA", "LONG");
		assertThat(loaded.getEnvMap()).containsExactlyEntriesOf(env);
		assertThat(loaded.getAgentLabels()).containsExactlyInAnyOrderEntriesOf(Map.of("zone", "eu", "disk", "ssd"));
		assertThat(loaded.getOwner()).isEqualTo("alice");
		assertThat(loaded.getCreatedAt()).isEqualTo(T0);
		assertThat(loaded.getState()).isEqualTo(JobState.CREATED);
		assertThat(loaded.getRunNumber()).isEqualTo(1);
		assertThat(loaded.getVersion()).isZero();
	}

	@Test
	void aBuiltInGeneratorWithA64KiBTemplateSurvivesARoundTrip() {
		String template = "{\"value\": \"" + "é".repeat(65536 - 14) + "\"}";
		GeneratorRequest generator = new GeneratorRequest("template", null, template, null, null, "json",
				"ramp:10->100:60s");
		Job job = TestJobs.job(TestJobs.request().image("dcf/generator:latest").generator(generator).build(), "alice",
				T0);
		Job plain = TestJobs.job("alice", T0);
		this.jobs.save(job);
		this.jobs.save(plain);
		this.entities.flush();
		this.entities.clear();

		assertThat(this.jobs.findById(job.getId()).orElseThrow().getGenerator()).isEqualTo(generator);
		assertThat(this.jobs.findById(plain.getId()).orElseThrow().getGenerator()).isNull();
	}

	@Test
	void stateChangesAreStoredWithTheirTimeline() {
		Job job = TestJobs.job("alice", T0);
		this.jobs.save(job);
		job.start("started by alice", T0.plusSeconds(1));
		job.assignTo("agent-1", T0.plusSeconds(2));
		job.markRunning(T0.plusSeconds(3));
		job.fail("x".repeat(Job.MAX_REASON_LENGTH + 50), T0.plusSeconds(4));
		job.acceptStatusSequence(42);
		this.jobs.save(job);
		this.entities.flush();
		this.entities.clear();

		Job loaded = this.jobs.findById(job.getId()).orElseThrow();

		assertThat(loaded.getState()).isEqualTo(JobState.FAILED);
		assertThat(loaded.getStateReason()).hasSize(Job.MAX_REASON_LENGTH);
		assertThat(loaded.getAgentId()).isEqualTo("agent-1");
		assertThat(loaded.getRun().getStartedAt()).isEqualTo(T0.plusSeconds(3));
		assertThat(loaded.getRun().getFinishedAt()).isEqualTo(T0.plusSeconds(4));
		assertThat(loaded.getStateChangedAt()).isEqualTo(T0.plusSeconds(4));
		assertThat(loaded.getRun().getStatusSequence()).isEqualTo(42);
		assertThat(loaded.getEvents()).extracting(JobEvent::from, JobEvent::to)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(null, JobState.CREATED),
					org.assertj.core.groups.Tuple.tuple(JobState.CREATED, JobState.DEPLOYING),
					org.assertj.core.groups.Tuple.tuple(JobState.DEPLOYING, JobState.DEPLOYING),
					org.assertj.core.groups.Tuple.tuple(JobState.DEPLOYING, JobState.RUNNING),
					org.assertj.core.groups.Tuple.tuple(JobState.RUNNING, JobState.FAILED));
		assertThat(loaded.getEvents().get(1))
			.isEqualTo(new JobEvent(T0.plusSeconds(1), 1, JobState.CREATED, JobState.DEPLOYING, "started by alice"));
	}

	@Test
	void placementRefusalsAndRecordsProducedAreStored() {
		Job job = TestJobs.job("alice", T0);
		job.start("started by alice", T0.plusSeconds(1));
		job.assignTo("agent-1", T0.plusSeconds(2));
		job.returnToPlacement("agent-1", "agent agent-1 is unhealthy: docker", T0.plusSeconds(3));
		job.assignTo("agent-2", T0.plusSeconds(4));
		job.returnToPlacement("agent-2", "not enough capacity on agent agent-2: full", T0.plusSeconds(5));
		job.assignTo("agent-3", T0.plusSeconds(6));
		job.markRunning(T0.plusSeconds(7));
		job.recordRunStartOffsets(5_000_000_000L);
		job.freezeRecordsProduced(40);
		this.jobs.save(job);
		this.entities.flush();
		this.entities.clear();

		Job loaded = this.jobs.findById(job.getId()).orElseThrow();

		assertThat(loaded.getRun().getRefusedBy()).containsExactlyInAnyOrder("agent-1", "agent-2");
		assertThat(loaded.getRun().getAssignedAt()).isEqualTo(T0.plusSeconds(6));
		assertThat(loaded.getRun().getStartOffsets()).isEqualTo(5_000_000_000L);
		assertThat(loaded.getRun().getRecordsProduced()).isEqualTo(40);
	}

	@Test
	void savingPublishesTheJobsDomainEvents() {
		Job job = TestJobs.job("alice", T0);
		job.start("started", T0.plusSeconds(1));

		this.jobs.save(job);

		assertThat(this.events.stream(JobStateChanged.class)).containsExactly(
				new JobStateChanged(job.getId(), 1, null, JobState.CREATED, "created by alice", T0),
				new JobStateChanged(job.getId(), 1, JobState.CREATED, JobState.DEPLOYING, "started",
						T0.plusSeconds(1)));
	}

	@Test
	void staleCopiesOfAJobAreRefused() {
		Job job = TestJobs.job("alice", T0);
		this.jobs.save(job);
		this.entities.flush();
		this.entities.clear();
		Job stale = this.jobs.findById(job.getId()).orElseThrow();
		assertThat(stale.getEvents()).hasSize(1); // loads the lazy timeline before
													// detaching
		this.entities.detach(stale);
		Job fresh = this.jobs.findById(job.getId()).orElseThrow();
		fresh.start("started by alice", T0.plusSeconds(1));
		this.jobs.save(fresh);
		this.entities.flush();

		stale.start("started by bob", T0.plusSeconds(2));

		assertThatExceptionOfType(OptimisticLockingFailureException.class)
			.isThrownBy(() -> this.jobs.saveAndFlush(stale));
	}

	@Test
	void listsJobsByStateNewestFirstInPages() {
		for (int i = 0; i < 5; i++) {
			Job job = TestJobs.job("alice", T0.plusSeconds(i));
			if (i % 2 == 0) {
				job.start("started", T0.plusSeconds(i));
			}
			this.jobs.save(job);
		}
		this.entities.flush();
		PageRequest firstTwo = PageRequest.of(0, 2, Sort.by(Sort.Order.desc("createdAt")));

		Page<Job> deploying = this.jobs.findByStateIn(List.of(JobState.DEPLOYING), firstTwo);

		assertThat(deploying.getTotalElements()).isEqualTo(3);
		assertThat(deploying.getContent()).extracting(Job::getCreatedAt)
			.containsExactly(T0.plusSeconds(4), T0.plusSeconds(2));
		assertThat(this.jobs.findByStateIn(List.of(JobState.CREATED, JobState.DEPLOYING), firstTwo).getTotalElements())
			.isEqualTo(5);
	}

	@Test
	void countsJobsByStateInOneQuery() {
		for (int i = 0; i < 3; i++) {
			Job job = TestJobs.job("alice", T0);
			if (i > 0) {
				job.start("started", T0);
			}
			this.jobs.save(job);
		}
		this.entities.flush();

		assertThat(this.jobs.countByState())
			.extracting(JobRepository.StateCount::getState, JobRepository.StateCount::getCount)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(JobState.CREATED, 1L),
					org.assertj.core.groups.Tuple.tuple(JobState.DEPLOYING, 2L));
	}

	@Test
	void deletingAJobRemovesItsSettingsTimelineAndContainers() {
		Job job = TestJobs.job(TestJobs.request().command(List.of("a")).agentLabels(Map.of("k", "v")).build(), "alice",
				T0);
		this.jobs.save(job);
		this.containers.save(new JobContainer(job.getId(), 1, 0, "agent-1", T0));
		this.entities.flush();

		this.containers.deleteByJobId(job.getId());
		this.jobs.delete(job);
		this.entities.flush();

		for (String table : List.of("job", "job_command", "job_env", "job_agent_label", "job_event", "job_container")) {
			Number rows = (Number) this.entities.getEntityManager()
				.createNativeQuery("select count(*) from " + table)
				.getSingleResult();
			assertThat(rows.longValue()).as(table).isZero();
		}
	}

	@Test
	void containersAreKeptPerRunInIndexOrder() {
		Job job = this.jobs.save(TestJobs.job("alice", T0));
		JobContainer second = new JobContainer(job.getId(), 1, 1, "agent-1", T0);
		second.observe("c1", "dcf-" + job.getId() + "-1", ContainerState.EXITED, 3, T0, T0.plusSeconds(5),
				T0.plusSeconds(6));
		this.containers.save(second);
		this.containers.save(new JobContainer(job.getId(), 1, 0, "agent-1", T0));
		this.containers.save(new JobContainer(job.getId(), 2, 0, "agent-2", T0));
		this.entities.flush();
		this.entities.clear();

		List<JobContainer> run1 = this.containers.findByJobIdAndRunNumberOrderByIndex(job.getId(), 1);

		assertThat(run1).extracting(JobContainer::getIndex).containsExactly(0, 1);
		assertThat(run1.get(1).getState()).isEqualTo(ContainerState.EXITED);
		assertThat(run1.get(1).getExitCode()).isEqualTo(3);
		assertThat(run1.get(1).getFinishedAt()).isEqualTo(T0.plusSeconds(5));
		assertThat(this.containers.findByJobIdAndRunNumberAndIndex(job.getId(), 2, 0)).isPresent();
		assertThat(this.containers.findByAgentIdOrderByJobIdAscIndexAsc("agent-1")).hasSize(2);
	}

	@Test
	void aContainerIndexIsUniquePerJobRun() {
		Job job = this.jobs.save(TestJobs.job("alice", T0));
		this.containers.save(new JobContainer(job.getId(), 1, 0, "agent-1", T0));
		this.entities.flush();

		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.containers.saveAndFlush(new JobContainer(job.getId(), 1, 0, "agent-1", T0)));
	}

	@Test
	void firstHeartbeatRegistersTheAgent() {
		HeartbeatResult result = this.agentService
			.recordHeartbeat(TestAgents.heartbeat("agent-1", 1, T0, AgentState.UNHEALTHY,
					List.of(new AgentCheck("docker", true, null), new AgentCheck("memory", false, "low"))), T0);
		this.entities.flush();
		this.entities.clear();

		assertThat(result).isEqualTo(new HeartbeatResult(true, null, AgentState.UNHEALTHY));
		assertThat(result.isNewAgent()).isTrue();
		Agent agent = this.agents.findById("agent-1").orElseThrow();
		assertThat(agent.getStatus()).isEqualTo(AgentState.UNHEALTHY);
		assertThat(agent.getHostname()).isEqualTo("host-agent-1");
		assertThat(agent.getLabels()).containsExactlyEntriesOf(Map.of("zone", "eu"));
		assertThat(agent.getChecks()).containsExactly(new AgentCheck("docker", true, null),
				new AgentCheck("memory", false, "low"));
		assertThat(agent.getFailedChecks()).extracting(AgentCheck::name).containsExactly("memory");
		assertThat(agent.getCapacity().maxContainers()).isEqualTo(20);
		assertThat(agent.getCapacity().memoryTotalBytes()).isEqualTo(8L << 30);
		assertThat(agent.getHeartbeatIntervalMillis()).isEqualTo(5000);
		assertThat(agent.getLastHeartbeatAt()).isEqualTo(T0);
		assertThat(agent.getFirstSeenAt()).isEqualTo(T0);
		assertThat(agent.getLastSequence()).isEqualTo(1);
	}

	@Test
	void staleHeartbeatsAreIgnoredAndNewerOnesApplied() {
		this.agentService.recordHeartbeat(TestAgents.healthy("agent-1", 10, T0), T0);
		this.entities.flush();

		HeartbeatResult stale = this.agentService.recordHeartbeat(TestAgents.heartbeat("agent-1", 9, T0,
				AgentState.UNHEALTHY, List.of(new AgentCheck("docker", false, "down"))), T0.plusSeconds(5));
		HeartbeatResult repeated = this.agentService.recordHeartbeat(TestAgents.heartbeat("agent-1", 10, T0,
				AgentState.UNHEALTHY, List.of(new AgentCheck("docker", false, "down"))), T0.plusSeconds(5));
		this.entities.flush();
		assertThat(stale.applied()).isFalse();
		assertThat(repeated.applied()).isFalse();
		assertThat(this.agents.findById("agent-1").orElseThrow().getStatus()).isEqualTo(AgentState.HEALTHY);

		HeartbeatResult newer = this.agentService.recordHeartbeat(TestAgents.heartbeat("agent-1", 11, T0,
				AgentState.UNHEALTHY, List.of(new AgentCheck("docker", false, "down"))), T0.plusSeconds(10));
		this.entities.flush();
		this.entities.clear();

		assertThat(newer).isEqualTo(new HeartbeatResult(true, AgentState.HEALTHY, AgentState.UNHEALTHY));
		Agent agent = this.agents.findById("agent-1").orElseThrow();
		assertThat(agent.getStatus()).isEqualTo(AgentState.UNHEALTHY);
		assertThat(agent.getChecks()).containsExactly(new AgentCheck("docker", false, "down"));
		assertThat(agent.getLastHeartbeatAt()).isEqualTo(T0.plusSeconds(10));
		assertThat(agent.getStatusChangedAt()).isEqualTo(T0.plusSeconds(10));
		assertThat(this.events.stream(AgentChanged.class)).extracting(AgentChanged::status)
			.containsExactly(AgentState.HEALTHY, AgentState.UNHEALTHY);
	}

	@Test
	void silentAgentsAreFoundAndALostAgentThatReturnsIsReported() {
		this.agentService.recordHeartbeat(TestAgents.healthy("quiet", 1, T0), T0);
		this.agentService.recordHeartbeat(TestAgents.healthy("chatty", 1, T0), T0.plusSeconds(30));
		this.entities.flush();

		List<Agent> silent = this.agents.findSilentSince(T0.plusSeconds(15));
		assertThat(silent).extracting(Agent::getId).containsExactly("quiet");
		assertThat(silent.get(0).markLost(T0.plusSeconds(31))).isTrue();
		this.agents.save(silent.get(0));
		this.entities.flush();
		assertThat(this.agents.findSilentSince(T0.plusSeconds(15))).isEmpty();
		assertThat(this.agents.countByStatus())
			.extracting(AgentRepository.StatusCount::getStatus, AgentRepository.StatusCount::getCount)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(AgentState.HEALTHY, 1L),
					org.assertj.core.groups.Tuple.tuple(AgentState.LOST, 1L));

		HeartbeatResult back = this.agentService.recordHeartbeat(TestAgents.healthy("quiet", 2, T0),
				T0.plusSeconds(40));

		assertThat(back.returnedFromLost()).isTrue();
		assertThat(this.agentService.list()).extracting(Agent::getId).containsExactly("chatty", "quiet");
	}

}
