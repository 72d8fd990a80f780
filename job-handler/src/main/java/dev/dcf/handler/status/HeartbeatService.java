package dev.dcf.handler.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dcf.handler.agent.AgentHeartbeat;
import dev.dcf.handler.agent.AgentService;
import dev.dcf.handler.agent.AgentState;
import dev.dcf.handler.agent.ForeignContainer;
import dev.dcf.handler.agent.HeartbeatResult;
import dev.dcf.handler.agent.ReportedContainer;
import dev.dcf.handler.instruction.InstructionOutbox;
import dev.dcf.handler.job.AgentLostPolicy;
import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobRepository;
import dev.dcf.handler.job.JobState;
import dev.dcf.handler.stats.ContainerStatsService;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Applies heartbeats (from the agent status listener): updates the agent registry, then
 * reconciles the agent's containers with the jobs. Containers that should not run there
 * get a DELETE (at most once per {@link #REPEAT_DELETE_AFTER} per run, so a slow agent is
 * not flooded); a RUNNING job whose containers are missing from two heartbeats in a row
 * fails. A LOST agent that comes back is reconciled the same way: a LOST job of it whose
 * containers all still run is resumed (it was only unheard), the containers of other LOST
 * jobs, or of jobs started anew elsewhere, are removed, and no job ends up with
 * containers on two agents.
 *
 * <p>
 * Thread-safe; the memory of sent DELETEs and missing containers is per handler instance
 * (heartbeats of one agent share a partition, so one instance sees them all).
 */
@Service
public class HeartbeatService {

	private static final Logger log = LoggerFactory.getLogger(HeartbeatService.class);

	/** A DELETE of the same run to the same agent is not repeated sooner. */
	static final Duration REPEAT_DELETE_AFTER = Duration.ofSeconds(30);

	/** Heartbeats in a row that must miss a RUNNING job's container before it fails. */
	static final int MISSING_STRIKES = 2;

	/** The states in which a job's containers may be on its agent. */
	private static final List<JobState> ON_AGENT = List.of(JobState.DEPLOYING, JobState.RUNNING, JobState.STOPPING,
			JobState.LOST);

	private final AgentService agents;

	private final JobRepository jobs;

	private final InstructionOutbox outbox;

	private final Clock clock;

	private final Map<String, Instant> deletesSent = new ConcurrentHashMap<>();

	/** Per agent/job/run: the heartbeats (by sequence) that missed its containers. */
	private final Map<String, Set<Long>> missingStrikes = new ConcurrentHashMap<>();

	private final ReportSequences sequences;

	private final ContainerStatsService stats;

	public HeartbeatService(AgentService agents, JobRepository jobs, InstructionOutbox outbox, Clock clock,
			ReportSequences sequences, ContainerStatsService stats) {
		this.stats = stats;
		this.sequences = sequences;
		this.agents = agents;
		this.jobs = jobs;
		this.outbox = outbox;
		this.clock = clock;
	}

	/**
	 * Applies one heartbeat. Stale heartbeats (sequence not newer) change nothing.
	 * @param heartbeat the heartbeat
	 */
	@Transactional
	public void handle(AgentHeartbeat heartbeat) {
		Instant now = this.clock.instant();
		if (this.sequences.isTooFarAhead(heartbeat.sequence(), now)) {
			log.warn("Refusing a heartbeat of agent {}: its sequence {} lies more than {} ahead of this clock",
					heartbeat.agentId(), heartbeat.sequence(), this.sequences.maxClockSkew());
			return;
		}
		HeartbeatResult result = this.agents.recordHeartbeat(heartbeat, now);
		if (!result.applied()) {
			log.debug("Ignoring stale heartbeat {} of agent {}", heartbeat.sequence(), heartbeat.agentId());
			return;
		}
		this.stats.record(heartbeat);
		if (result.isNewAgent()) {
			log.info("Agent {} registered ({}, {})", heartbeat.agentId(), heartbeat.hostname(), heartbeat.health());
		}
		else if (result.returnedFromLost()) {
			log.info("Agent {} is back after being LOST; reconciling its {} containers", heartbeat.agentId(),
					heartbeat.containers().size());
		}
		else if (result.previous() != result.current()) {
			log.info("Agent {} is {} (was {})", heartbeat.agentId(), result.current(), result.previous());
		}
		if (heartbeat.health() == AgentState.HEALTHY && heartbeat.foreign().isEmpty()
				&& ContainerReconciler.nothingToDo(heartbeat.sequence(), heartbeat.containers(),
						this.jobs.findRunsOnAgent(heartbeat.agentId(), ON_AGENT))) {
			// the usual heartbeat: what the reconciliation below would conclude, without
			// loading a job
			this.deletesSent.values().removeIf((sent) -> sent.plus(REPEAT_DELETE_AFTER).isBefore(now));
			forgetMissing(heartbeat.agentId(), Set.of());
			return;
		}
		// only a healthy agent's list is fresh (without Docker it repeats the last one)
		List<Job> placed = (heartbeat.health() != AgentState.HEALTHY) ? List.of()
				: this.jobs.findByAgentIdAndStateIn(heartbeat.agentId(), List.of(JobState.LOST, JobState.RUNNING));
		settleLostJobs(heartbeat, placed, now);
		removeStrayContainers(heartbeat, now);
		removeOrphans(heartbeat, now);
		failJobsWithMissingContainers(heartbeat, placed, now);
	}

	/**
	 * A LOST job whose agent reports all the run's containers running was only unheard:
	 * it goes on. One waiting to be replaced (policy replace, exclusive) whose agent
	 * reports none of the run's containers is replaced now: they are known gone.
	 */
	private void settleLostJobs(AgentHeartbeat heartbeat, List<Job> placed, Instant now) {
		List<Job> lost = placed.stream().filter((job) -> job.getState() == JobState.LOST).toList();
		if (lost.isEmpty()) {
			return;
		}
		List<Job> resumable = ContainerReconciler.resumable(heartbeat.agentId(), heartbeat.containers(), lost);
		for (Job job : lost) {
			if (resumable.contains(job)) {
				job.resume(heartbeat.agentId(), "agent " + heartbeat.agentId() + " is back with all "
						+ job.getContainers() + " containers of run " + job.getRunNumber() + " running: run resumed",
						now);
				log.info("Job {} resumed: agent {} is back with its containers", job.getId(), heartbeat.agentId());
				this.jobs.save(job);
			}
			else if (job.isResumable() && job.getOnAgentLost() == AgentLostPolicy.REPLACE
					&& !ContainerReconciler.hasContainersOf(job, heartbeat.containers())) {
				job.replace(
						"agent " + heartbeat.agentId() + " is back without the containers of run " + job.getRunNumber(),
						now);
				this.jobs.save(job);
			}
		}
	}

	private void removeStrayContainers(AgentHeartbeat heartbeat, Instant now) {
		this.deletesSent.values().removeIf((sent) -> sent.plus(REPEAT_DELETE_AFTER).isBefore(now));
		if (heartbeat.containers().isEmpty()) {
			return;
		}
		Set<String> ids = heartbeat.containers()
			.stream()
			.map(ReportedContainer::jobId)
			.filter((id) -> id != null && !id.isBlank())
			.collect(Collectors.toSet());
		Map<String, Job> known = this.jobs.findAllById(ids)
			.stream()
			.collect(Collectors.toMap(Job::getId, Function.identity()));
		for (ContainerReconciler.Removal removal : ContainerReconciler.removals(heartbeat.agentId(),
				heartbeat.containers(), known, heartbeat.health() == AgentState.HEALTHY)) {
			String key = heartbeat.agentId() + "/" + removal.jobId() + "/" + removal.runNumber();
			if (!this.deletesSent.containsKey(key)) {
				log.info("Agent {} has containers of job {} run {} that must go: {}", heartbeat.agentId(),
						removal.jobId(), removal.runNumber(), removal.reason());
				this.outbox.delete(removal.jobId(), removal.runNumber(), heartbeat.agentId(), removal.reason(), now);
				afterCommit(() -> this.deletesSent.put(key, now));
			}
		}
	}

	/**
	 * Containers on the agent's daemon that another agent started and nobody will remove
	 * (their agent is gone or unknown, their run should not run) get a DELETE to the
	 * reporting agent: its DELETE removes the job's containers up to that run on its
	 * daemon, whoever started them. Decided on a fresh list only.
	 */
	private void removeOrphans(AgentHeartbeat heartbeat, Instant now) {
		if (heartbeat.foreign().isEmpty() || heartbeat.health() != AgentState.HEALTHY) {
			return;
		}
		Set<String> jobIds = heartbeat.foreign()
			.stream()
			.map((other) -> other.container().jobId())
			.filter((id) -> id != null && !id.isBlank())
			.collect(Collectors.toSet());
		Map<String, Job> known = this.jobs.findAllById(jobIds)
			.stream()
			.collect(Collectors.toMap(Job::getId, Function.identity()));
		Set<String> starters = heartbeat.foreign()
			.stream()
			.map(ForeignContainer::startedBy)
			.collect(Collectors.toSet());
		for (ContainerReconciler.Removal removal : ContainerReconciler.orphans(heartbeat.foreign(), known,
				this.agents.statuses(starters))) {
			String key = heartbeat.agentId() + "/" + removal.jobId() + "/" + removal.runNumber();
			if (!this.deletesSent.containsKey(key)) {
				log.info("Agent {} reports containers of job {} run {} nobody else removes: {}", heartbeat.agentId(),
						removal.jobId(), removal.runNumber(), removal.reason());
				this.outbox.delete(removal.jobId(), removal.runNumber(), heartbeat.agentId(), removal.reason(), now);
				afterCommit(() -> this.deletesSent.put(key, now));
			}
		}
	}

	/**
	 * Only a healthy agent's list is fresh (without Docker it repeats the last one), and
	 * only a heartbeat stamped after the job's newest report can be expected to show its
	 * containers; two heartbeats in a row must miss them.
	 */
	private void failJobsWithMissingContainers(AgentHeartbeat heartbeat, List<Job> placed, Instant now) {
		if (heartbeat.health() != AgentState.HEALTHY) {
			return;
		}
		List<Job> running = placed.stream()
			.filter((job) -> job.getState() == JobState.RUNNING)
			.filter((job) -> job.getRun().getStatusSequence() != null
					&& heartbeat.sequence() > job.getRun().getStatusSequence())
			.toList();
		Map<Job, Set<Integer>> missing = ContainerReconciler.missing(heartbeat.containers(), running);
		Set<String> stillMissing = new HashSet<>();
		missing.forEach((job, indexes) -> {
			String key = heartbeat.agentId() + "/" + job.getId() + "/" + job.getRunNumber();
			stillMissing.add(key);
			// a set of sequences: a heartbeat retried after a rollback strikes once
			Set<Long> strikes = this.missingStrikes.computeIfAbsent(key, (k) -> ConcurrentHashMap.newKeySet());
			strikes.add(heartbeat.sequence());
			if (strikes.size() >= MISSING_STRIKES && durationOver(job, now)) {
				// the agent removes containers at their deadline by itself; its report
				// may come after the heartbeats that no longer show them
				this.missingStrikes.remove(key);
				job.complete("ran for its duration of " + job.getDurationSeconds()
						+ " s: its containers are gone from agent " + heartbeat.agentId(), now);
				this.jobs.save(job);
			}
			else if (strikes.size() >= MISSING_STRIKES) {
				this.missingStrikes.remove(key);
				job.fail(
						"agent " + heartbeat.agentId() + " no longer has container"
								+ ((indexes.size() == 1) ? " " : "s ") + indexes + " of the job (removed outside DCF?)",
						now);
				this.jobs.save(job);
			}
		});
		forgetMissing(heartbeat.agentId(), stillMissing);
	}

	/** Forgets the strikes of the agent's runs that are no longer missing. */
	private void forgetMissing(String agentId, Set<String> stillMissing) {
		String prefix = agentId + "/";
		this.missingStrikes.keySet().removeIf((key) -> key.startsWith(prefix) && !stillMissing.contains(key));
	}

	private static boolean durationOver(Job job, Instant now) {
		return job.getRun().getStartedAt() != null
				&& !job.getRun().getStartedAt().plusSeconds(job.getDurationSeconds()).isAfter(now);
	}

	private static void afterCommit(Runnable action) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			action.run();
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				action.run();
			}

		});
	}

}
