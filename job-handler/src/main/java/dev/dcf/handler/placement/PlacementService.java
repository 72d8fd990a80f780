package dev.dcf.handler.placement;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dcf.handler.agent.Agent;
import dev.dcf.handler.agent.AgentCapacity;
import dev.dcf.handler.agent.AgentCheck;
import dev.dcf.handler.agent.AgentRepository;
import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobEvent;
import dev.dcf.handler.job.JobRepository;
import dev.dcf.handler.job.JobState;
import dev.dcf.handler.job.JobTopics;
import dev.dcf.handler.job.TopicPreparation;
import dev.dcf.handler.job.TopicSpec;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Places DEPLOYING jobs that have no agent yet, oldest first, up to a hundred in one
 * transaction: the chosen agent is set on the job, whose {@code JobAssigned} event queues
 * the CREATE. A job no agent can take stays waiting and is tried again; once it has
 * waited {@code dcf.handler.placement-timeout} it fails with every agent's reason.
 *
 * <p>
 * Before a run is placed, its topic is prepared ({@link JobTopics}): created when it is
 * missing, checked when it exists, truncated if the job asks for it. The broker is asked
 * outside any transaction, and the outcome is applied in the placement's transaction: the
 * broker's refusal fails the job with its reason; no answer makes the job wait (until the
 * placement timeout, then it fails saying so), and the rest of the round skips the broker
 * so one slow broker costs one timeout per round, not one per job.
 *
 * <p>
 * What an agent has free is its last heartbeat minus what DCF placed there that the
 * heartbeat could not show yet: jobs still DEPLOYING, and jobs whose newest report is
 * newer than the heartbeat (one sequence counter per agent orders both). Memory counts
 * the jobs' limits. Not thread-safe: run it from one thread (the placement loop); a
 * second handler instance placing the same job loses on the job's version.
 */
@Service
public class PlacementService {

	private static final Logger log = LoggerFactory.getLogger(PlacementService.class);

	private static final List<JobState> ON_AGENTS = List.of(JobState.DEPLOYING, JobState.RUNNING, JobState.STOPPING);

	private final JobRepository jobs;

	private final AgentRepository agents;

	private final TransactionTemplate transactions;

	private final Duration timeout;

	private final Duration deployTimeout;

	private final JobTopics topics;

	public PlacementService(JobRepository jobs, AgentRepository agents, PlatformTransactionManager transactionManager,
			PlacementProperties properties, JobTopics topics) {
		this.topics = topics;
		this.jobs = jobs;
		this.agents = agents;
		this.transactions = new TransactionTemplate(transactionManager);
		this.timeout = properties.placementTimeout();
		this.deployTimeout = properties.deployTimeout();
	}

	/**
	 * Fails DEPLOYING jobs whose agent has not answered the CREATE (no STARTED, no
	 * START_FAILED) within {@code dcf.handler.deploy-timeout} of the placement: the
	 * instruction was lost or ignored. An agent that reports progress (PULLING) keeps its
	 * job from failing: the timeout counts from its newest report. Failing a job placed
	 * on an agent sends that agent a DELETE (in case it starts the containers late).
	 * @param now the current time
	 * @return how many jobs failed
	 */
	public int failOverdueDeployments(Instant now) {
		List<String> deploying = this.transactions
			.execute((status) -> this.jobs.findByAgentIdIsNotNullAndStateIn(List.of(JobState.DEPLOYING))
				.stream()
				.filter((job) -> overdue(job, this.deployTimeout, now).isPresent())
				.map(Job::getId)
				.toList());
		if (deploying == null) {
			return 0;
		}
		int failed = 0;
		for (String jobId : deploying) {
			try {
				Boolean done = this.transactions.execute((status) -> {
					Job job = this.jobs.findById(jobId).orElse(null);
					Optional<String> reason = (job != null) ? overdue(job, this.deployTimeout, now) : Optional.empty();
					if (reason.isEmpty()) {
						return false;
					}
					log.warn("Job {} failed: {}", jobId, reason.get());
					job.fail(reason.get(), now);
					this.jobs.save(job);
					return true;
				});
				if (Boolean.TRUE.equals(done)) {
					failed++;
				}
			}
			catch (OptimisticLockingFailureException ex) {
				log.debug("Job {} changed while its deploy timeout was checked; next round decides", jobId);
			}
		}
		return failed;
	}

	/**
	 * Why a job must fail because its agent did not answer the CREATE in time, if it
	 * must. Counted from the last sign of life of the deployment: the placement on the
	 * agent (the state change for rows placed before that was recorded) or the agent's
	 * newest progress report (it is pulling the image), whichever is later.
	 * @param job the job
	 * @param deployTimeout how long the agent may take
	 * @param now the current time
	 * @return the reason, empty if the job is not (yet) overdue
	 */
	static Optional<String> overdue(Job job, Duration deployTimeout, Instant now) {
		if (job.getState() != JobState.DEPLOYING || job.getAgentId() == null) {
			return Optional.empty();
		}
		Instant placed = (job.getRun().getAssignedAt() != null) ? job.getRun().getAssignedAt()
				: job.getStateChangedAt();
		Instant progress = job.getRun().getDeployProgressAt();
		boolean progressed = progress != null && progress.isAfter(placed);
		Instant lastSign = progressed ? progress : placed;
		if (now.isBefore(lastSign.plus(deployTimeout))) {
			return Optional.empty();
		}
		return Optional.of("agent " + job.getAgentId() + " did not answer the start instruction within "
				+ describe(deployTimeout) + (progressed ? " of its last pull progress report" : ""));
	}

	/**
	 * Places what can be placed and fails what has waited too long: the pending jobs in
	 * chunks of {@value #CHUNK}, each chunk's topics prepared first (outside any
	 * transaction) and then its jobs placed in one transaction. A chunk whose commit
	 * loses on a job's version (the job changed meanwhile) is placed again job by job, so
	 * only that job waits for the next round.
	 * @param now the current time
	 * @return how many jobs were placed
	 */
	public int placePendingJobs(Instant now) {
		List<String> pending = this.transactions
			.execute((status) -> this.jobs.findByStateAndAgentIdIsNullOrderByStateChangedAtAsc(JobState.DEPLOYING)
				.stream()
				.map(Job::getId)
				.toList());
		if (pending == null || pending.isEmpty()) {
			return 0;
		}
		Map<String, AgentSnapshot> snapshots = this.transactions.execute((status) -> snapshots());
		Round round = new Round(snapshots, now);
		for (int from = 0; from < pending.size(); from += CHUNK) {
			List<String> chunk = pending.subList(from, Math.min(pending.size(), from + CHUNK));
			Map<String, Prepared> preparations = prepareTopics(chunk, round);
			Map<String, AgentSnapshot> before = new LinkedHashMap<>(snapshots);
			try {
				round.placed += placeAll(chunk, preparations, round);
			}
			catch (OptimisticLockingFailureException ex) {
				snapshots.clear();
				snapshots.putAll(before);
				for (String jobId : chunk) {
					try {
						round.placed += placeAll(List.of(jobId), preparations, round);
					}
					catch (OptimisticLockingFailureException lost) {
						log.debug("Job {} changed while being placed; next round decides", jobId);
					}
				}
			}
		}
		return round.placed;
	}

	/** How many pending jobs are placed in one transaction. */
	static final int CHUNK = 100;

	/** What the broker did with the topic a job asked for. */
	private record Prepared(TopicSpec spec, TopicPreparation preparation) {

	}

	/** What one placement round knows. */
	private static final class Round {

		final Map<String, AgentSnapshot> snapshots;

		final Instant now;

		// many jobs share a topic: the broker is asked once per topic and round
		final Map<TopicSpec, TopicPreparation.Ready> readyThisRound = new HashMap<>();

		String brokerSilent;

		int placed;

		Round(Map<String, AgentSnapshot> snapshots, Instant now) {
			this.snapshots = snapshots;
			this.now = now;
		}

	}

	/**
	 * Asks the broker for the topics of the chunk's jobs that need one prepared.
	 * @return per job, what the broker did with its topic
	 */
	private Map<String, Prepared> prepareTopics(List<String> chunk, Round round) {
		Map<String, TopicSpec> specs = this.transactions.execute((status) -> {
			Map<String, TopicSpec> needed = new LinkedHashMap<>();
			for (Job job : this.jobs.findAllById(chunk)) {
				if (job.needsTopicPreparation()) {
					needed.put(job.getId(), job.topicSpec());
				}
			}
			return needed;
		});
		Map<String, Prepared> preparations = new HashMap<>();
		if (specs == null) {
			return preparations;
		}
		for (String jobId : chunk) {
			TopicSpec spec = specs.get(jobId);
			if (spec == null) {
				continue;
			}
			TopicPreparation preparation = (round.brokerSilent != null)
					? new TopicPreparation.Unanswered(round.brokerSilent) : prepare(spec, round.readyThisRound);
			if (preparation instanceof TopicPreparation.Unanswered unanswered) {
				round.brokerSilent = unanswered.reason();
			}
			preparations.put(jobId, new Prepared(spec, preparation));
		}
		return preparations;
	}

	/**
	 * Places jobs in one transaction, applying first what the broker did with their
	 * topics.
	 * @return how many were placed
	 */
	private int placeAll(List<String> jobIds, Map<String, Prepared> preparations, Round round) {
		Integer placed = this.transactions.execute((status) -> {
			// one query for all; findById below then reads the session
			this.jobs.findAllById(jobIds);
			int count = 0;
			for (String jobId : jobIds) {
				Prepared prepared = preparations.get(jobId);
				if (prepared != null && !topicPrepared(jobId, prepared, round.now)) {
					continue;
				}
				if (placeOne(jobId, round.snapshots, round.now) != null) {
					count++;
				}
			}
			return count;
		});
		return (placed != null) ? placed : 0;
	}

	/**
	 * Prepares the topic, or reuses what the broker said about the same topic earlier in
	 * this round (it exists, with so many partitions); a topic truncated before each run
	 * is always prepared anew.
	 */
	private TopicPreparation prepare(TopicSpec spec, Map<TopicSpec, TopicPreparation.Ready> readyThisRound) {
		TopicPreparation.Ready known = readyThisRound.get(spec);
		if (known != null && !spec.truncate()) {
			return new TopicPreparation.Ready(false, known.partitions(), null);
		}
		TopicPreparation preparation = this.topics.prepare(spec);
		if (preparation instanceof TopicPreparation.Ready ready) {
			readyThisRound.put(spec, ready);
		}
		return preparation;
	}

	/**
	 * Applies what the broker did with the job's topic.
	 * @return {@code true} if the job may be placed now
	 */
	private boolean topicPrepared(String jobId, Prepared prepared, Instant now) {
		Job job = this.jobs.findById(jobId).orElse(null);
		TopicSpec spec = prepared.spec();
		TopicPreparation preparation = prepared.preparation();
		if (job == null || !job.needsTopicPreparation() || !spec.equals(job.topicSpec())) {
			// changed meanwhile (stopped, another run): the next round decides
			return false;
		}
		if (preparation instanceof TopicPreparation.Ready ready) {
			job.topicPrepared(TopicPreparation.notes(spec, ready), now);
			this.jobs.save(job);
			return true;
		}
		if (preparation instanceof TopicPreparation.Refused refused) {
			String reason = "topic " + spec.topic() + " could not be prepared: " + refused.reason();
			log.warn("Job {} failed: {}", jobId, reason);
			job.fail(reason, now);
			this.jobs.save(job);
			return false;
		}
		String why = ((TopicPreparation.Unanswered) preparation).reason();
		Instant deadline = job.getStateChangedAt().plus(this.timeout);
		if (!now.isBefore(deadline)) {
			String reason = "topic " + spec.topic() + " could not be prepared within the placement timeout of "
					+ describe(this.timeout) + ": " + why;
			log.warn("Job {} failed: {}", jobId, reason);
			job.fail(reason, now);
			this.jobs.save(job);
		}
		else {
			log.debug("Job {} waits for its topic {} until {}: {}", jobId, spec.topic(), deadline, why);
		}
		return false;
	}

	/**
	 * @return the agent chosen, {@code null} if none
	 */
	private String placeOne(String jobId, Map<String, AgentSnapshot> snapshots, Instant now) {
		Job job = this.jobs.findById(jobId).orElse(null);
		if (job == null || job.getState() != JobState.DEPLOYING || job.getAgentId() != null) {
			return null;
		}
		Demand demand = Demand.of(job);
		Placement.Choice choice = Placement.choose(demand, snapshots.values());
		if (choice.placed()) {
			job.assignTo(choice.agentId(), now);
			this.jobs.save(job);
			snapshots.computeIfPresent(choice.agentId(), (id, agent) -> agent.withPlaced(demand));
			log.info("Job {} run {} placed on agent {}", job.getId(), job.getRunNumber(), choice.agentId());
			return choice.agentId();
		}
		Instant deadline = job.getStateChangedAt().plus(this.timeout);
		if (!now.isBefore(deadline)) {
			log.warn("Job {} failed: {}", job.getId(), choice.reason());
			job.fail(choice.reason(), now);
			this.jobs.save(job);
		}
		else {
			log.debug("Job {} waits for an agent until {}: {}", job.getId(), deadline, choice.reason());
		}
		return null;
	}

	/**
	 * Moves a RUNNING job off its draining agent ({@link Job#moveOff}) onto the agent
	 * placement chooses by its usual rules, in one transaction; a job no other agent can
	 * take, or an exclusive one (its new run must not overlap the old), stays, and its
	 * timeline says why (once, not every round).
	 * @param jobId the job
	 * @param fromAgent the draining agent
	 * @param now the current time
	 * @return where it went, or why it stays; {@code null} if it is no longer RUNNING
	 * there
	 */
	public MoveOutcome moveOff(String jobId, String fromAgent, Instant now) {
		return this.transactions.execute((status) -> {
			Job job = this.jobs.findById(jobId).orElse(null);
			if (job == null || job.getState() != JobState.RUNNING || !fromAgent.equals(job.getAgentId())) {
				return null;
			}
			String stays;
			if (job.isExclusive()) {
				stays = "exclusive job: its runs must not overlap, so it is not moved; stop it and start it again";
			}
			else {
				Placement.Choice choice = Placement.choose(Demand.of(job), snapshots().values());
				if (choice.placed()) {
					job.moveOff(fromAgent, choice.agentId(), now);
					this.jobs.save(job);
					log.info("Job {} moved off draining agent {} to agent {} (run {})", jobId, fromAgent,
							choice.agentId(), job.getRunNumber());
					return new MoveOutcome(jobId, choice.agentId(), null);
				}
				stays = choice.reason();
			}
			String note = "stays on draining agent " + fromAgent + ": " + stays;
			List<JobEvent> events = job.getEvents();
			if (events.isEmpty() || !note.equals(events.get(events.size() - 1).reason())) {
				job.note(note, now);
				this.jobs.save(job);
			}
			return new MoveOutcome(jobId, null, stays);
		});
	}

	/**
	 * What became of a job on a draining agent.
	 *
	 * @param jobId the job
	 * @param toAgent where its new run went, {@code null} if it stays
	 * @param stayReason why it stays, {@code null} if it moved
	 */
	public record MoveOutcome(String jobId, String toAgent, String stayReason) {

		public boolean moved() {
			return this.toAgent != null;
		}

	}

	/**
	 * The agent a one-off container (a dry run, docs/usage.md) would go to now, by the
	 * rules of {@link Placement} on the same view of the agents (heartbeats minus what is
	 * placed but not yet seen); nothing is assigned or reserved.
	 * @param labels labels the agent must carry
	 * @param memoryBytes the container's memory limit
	 * @return the agent, or why none fits
	 */
	public AgentChoice chooseForOneContainer(Map<String, String> labels, long memoryBytes) {
		Map<String, AgentSnapshot> snapshots = this.transactions.execute((status) -> snapshots());
		Placement.Choice choice = Placement.choose(new Demand(1, memoryBytes, labels),
				(snapshots != null) ? snapshots.values() : List.of());
		return new AgentChoice(choice.agentId(), choice.reason());
	}

	/** "2m", "90s", "1m30s", "500ms". */
	static String describe(Duration duration) {
		if (duration.toMillisPart() != 0 || duration.isZero()) {
			return duration.toMillis() + "ms";
		}
		long minutes = duration.toMinutes();
		int seconds = duration.toSecondsPart();
		if (minutes == 0) {
			return seconds + "s";
		}
		return minutes + "m" + ((seconds != 0) ? seconds + "s" : "");
	}

	private Map<String, AgentSnapshot> snapshots() {
		Map<String, AgentSnapshot> snapshots = new LinkedHashMap<>();
		Map<String, Agent> known = new LinkedHashMap<>();
		for (Agent agent : this.agents.findAllByOrderByIdAsc()) {
			known.put(agent.getId(), agent);
			AgentCapacity capacity = agent.getCapacity();
			snapshots.put(agent.getId(),
					new AgentSnapshot(agent.getId(), agent.getStatus(),
							agent.getFailedChecks().stream().map(AgentCheck::name).toList(), agent.getLabels(),
							capacity.maxContainers(), capacity.runningContainers(), capacity.memoryFreeBytes(),
							agent.isDraining()));
		}
		for (Job job : this.jobs.findByAgentIdIsNotNullAndStateIn(ON_AGENTS)) {
			Agent agent = known.get(job.getAgentId());
			if (agent != null && notYetInHeartbeat(job, agent)) {
				snapshots.computeIfPresent(agent.getId(), (id, snapshot) -> snapshot.withPlaced(Demand.of(job)));
			}
		}
		return snapshots;
	}

	/**
	 * Whether the agent's last heartbeat cannot have shown the job's containers yet.
	 */
	static boolean notYetInHeartbeat(Job job, Agent agent) {
		if (job.getState() == JobState.DEPLOYING) {
			return true;
		}
		if (job.getState() == JobState.STOPPING) {
			// its containers were running, and were seen, until they are removed
			return false;
		}
		return job.getRun().getStatusSequence() == null || job.getRun().getStatusSequence() > agent.getLastSequence();
	}

}
