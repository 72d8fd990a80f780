package dev.dcf.handler.job;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.BatchSize;
import org.hibernate.annotations.Fetch;
import org.hibernate.annotations.FetchMode;

import org.springframework.data.domain.AbstractAggregateRoot;

/**
 * A job: what to run (image, topic, containers, limits, env), its state and timeline, and
 * its current run ({@link JobRun}, embedded: agent, times, refusals, counts).
 * <p>
 * The aggregate root of the job feature: its state changes only through the guarded
 * methods below, which all go through one private {@code transitionTo}. Each change
 * appends a {@link JobEvent} to the timeline and registers a {@link JobStateChanged}
 * domain event, which Spring Data publishes when the job is saved, so callers must
 * {@code save} after every change. Optimistic locking ({@code @Version}) makes concurrent
 * changes (a user's stop racing a status report) fail instead of overwriting each other.
 * Not thread-safe: one transaction at a time.
 */
@Entity
@Table(name = "job")
public class Job extends AbstractAggregateRoot<Job> {

	private static final DateTimeFormatter FIRING_TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

	/** Longest reason kept; longer ones (e.g. an agent's error output) are cut. */
	public static final int MAX_REASON_LENGTH = 1000;

	@Id
	@Column(length = 36)
	private String id;

	@Version
	private Long version;

	@Column(nullable = false, length = 100)
	private String name;

	@Column(length = 2000)
	private String description;

	@Column(nullable = false, length = 255)
	private String image;

	@ElementCollection(fetch = FetchType.EAGER)
	@Fetch(FetchMode.SELECT)
	@BatchSize(size = 50)
	@CollectionTable(name = "job_command", joinColumns = @JoinColumn(name = "job_id"))
	@OrderColumn(name = "position")
	@Column(name = "arg", nullable = false, length = 4096)
	private List<String> command = new ArrayList<>();

	@Column(nullable = false, length = 249)
	private String topic;

	@Column(nullable = false)
	private int containers;

	@Column(name = "cpu_limit", nullable = false)
	private double cpuLimit;

	@Column(name = "memory_limit_mb", nullable = false)
	private int memoryLimitMb;

	@Column(name = "duration_seconds", nullable = false)
	private long durationSeconds;

	@Column(name = "start_at")
	private Instant startAt;

	@ElementCollection(fetch = FetchType.EAGER)
	@Fetch(FetchMode.SELECT)
	@BatchSize(size = 50)
	@CollectionTable(name = "job_env", joinColumns = @JoinColumn(name = "job_id"))
	@OrderColumn(name = "position")
	private List<EnvVar> env = new ArrayList<>();

	@ElementCollection(fetch = FetchType.EAGER)
	@Fetch(FetchMode.SELECT)
	@BatchSize(size = 50)
	@CollectionTable(name = "job_agent_label", joinColumns = @JoinColumn(name = "job_id"))
	@MapKeyColumn(name = "label_key", length = 128)
	@Column(name = "label_value", nullable = false, length = 256)
	private Map<String, String> agentLabels = new LinkedHashMap<>();

	@Enumerated(EnumType.STRING)
	@Column(nullable = false, length = 16)
	private JobState state;

	@Column(name = "state_reason", length = MAX_REASON_LENGTH)
	private String stateReason;

	@Column(name = "state_changed_at", nullable = false)
	private Instant stateChangedAt;

	@Column(nullable = false, length = 100)
	private String owner;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Enumerated(EnumType.STRING)
	@Column(name = "on_agent_lost", nullable = false, length = 16)
	private AgentLostPolicy onAgentLost = AgentLostPolicy.REPLACE;

	/** A replacement run waits until the old run's containers are gone. */
	@Column(name = "exclusive_run", nullable = false)
	private boolean exclusive;

	/** Partitions the job's topic is created with. */
	@Column(name = "topic_partitions", nullable = false)
	private int topicPartitions = 3;

	/** Replication factor the topic is created with; {@code null}: the broker's. */
	@Column(name = "topic_replication_factor")
	private Integer topicReplicationFactor;

	/** Retention the topic is created with, in hours; {@code null}: the broker's. */
	@Column(name = "topic_retention_hours")
	private Integer topicRetentionHours;

	@Enumerated(EnumType.STRING)
	@Column(name = "topic_cleanup", nullable = false, length = 24)
	private TopicCleanup topicCleanup = TopicCleanup.KEEP;

	/** Records per second for the whole job; {@code null}: the generators' own rate. */
	@Column(name = "target_rate")
	private Double targetRate;

	/** Records for the whole job; {@code null}: no limit. */
	@Column(name = "max_records")
	private Long maxRecords;

	/** The built-in generator (issue 13); {@code null}: the job runs its own image. */
	@Embedded
	private JobGenerator generator;

	/** The recurring schedule (V13); {@code null}: the job starts only when asked. */
	@Embedded
	private JobSchedule schedule;

	/** Enforced by the agent (V12); {@link RestartPolicy#NONE} for jobs before it. */
	@Embedded
	private RestartPolicy restart = RestartPolicy.NONE;

	/**
	 * @return the restart policy, never {@code null}
	 */
	public RestartPolicy getRestart() {
		return (this.restart != null) ? this.restart : RestartPolicy.NONE;
	}

	/**
	 * @return the built-in generator, {@code null} if the job runs its own image
	 */
	public GeneratorRequest getGenerator() {
		return (this.generator != null) ? this.generator.toRequest() : null;
	}

	/**
	 * What the containers get as plain environment: the built-in generator's variables,
	 * then the job's own that are not secret (the validator keeps them apart); the secret
	 * ones travel sealed ({@link #getSecretEnv}).
	 * @return a new ordered map
	 */
	public Map<String, String> getRunEnv() {
		Map<String, String> all = new LinkedHashMap<>();
		if (this.generator != null) {
			all.putAll(this.generator.toRequest().env());
		}
		this.env.stream().filter((variable) -> !variable.secret()).forEach((v) -> all.put(v.name(), v.value()));
		return all;
	}

	/** The current run; its changes follow the state's. */
	@Embedded
	private JobRun run = JobRun.first();

	@ElementCollection
	@CollectionTable(name = "job_event", joinColumns = @JoinColumn(name = "job_id"))
	@OrderColumn(name = "seq")
	private List<JobEvent> events = new ArrayList<>();

	protected Job() {
		// for JPA
	}

	/**
	 * A new job in state {@link JobState#CREATED}, run number 1, with a fresh UUID.
	 * @param request a request that passed {@link JobRequestValidator}
	 * @param owner the user who created it
	 * @param now the current time
	 */
	Job(JobRequest request, String owner, Instant now) {
		this.id = UUID.randomUUID().toString();
		applySettings(request);
		this.owner = Objects.requireNonNull(owner, "owner");
		this.createdAt = now;
		this.state = JobState.CREATED;
		this.stateChangedAt = now;
		this.stateReason = "created by " + owner;
		record(null, JobState.CREATED, this.stateReason, now);
	}

	/**
	 * Replaces the job's settings (a job file applied again). The state and the current
	 * run are untouched: a running run keeps running, the next run uses the new settings.
	 * An armed schedule stays armed with its new rule.
	 * @param request a request that passed {@link JobRequestValidator}, with defaults
	 * @param reason why, e.g. who changed it
	 * @param now the current time
	 */
	void updateSettings(JobRequest request, String reason, Instant now) {
		applySettings(request);
		note(reason, now);
	}

	private void applySettings(JobRequest request) {
		this.name = request.name();
		this.description = request.description();
		this.image = request.image();
		this.command.clear();
		if (request.command() != null) {
			this.command.addAll(request.command());
		}
		this.topic = request.topic();
		this.containers = request.containers();
		this.cpuLimit = request.cpuLimit();
		this.memoryLimitMb = request.memoryLimitMb();
		this.durationSeconds = request.durationSeconds();
		this.startAt = request.startAt();
		this.env.clear();
		if (request.env() != null) {
			Set<String> secret = request.secretNames();
			request.env().forEach((key, value) -> this.env.add(new EnvVar(key, value, secret.contains(key))));
		}
		this.agentLabels.clear();
		if (request.agentLabels() != null) {
			this.agentLabels.putAll(request.agentLabels());
		}
		AgentLostPolicy policy = AgentLostPolicy.parse(request.onAgentLost());
		this.onAgentLost = (policy != null) ? policy : AgentLostPolicy.REPLACE;
		this.exclusive = Boolean.TRUE.equals(request.exclusive());
		this.topicPartitions = (request.partitions() != null) ? request.partitions() : JobRequest.DEFAULT_PARTITIONS;
		this.topicReplicationFactor = request.replicationFactor();
		this.topicRetentionHours = request.retentionHours();
		TopicCleanup cleanup = TopicCleanup.parse(request.topicCleanup());
		this.topicCleanup = (cleanup != null) ? cleanup : TopicCleanup.KEEP;
		this.targetRate = request.targetRate();
		this.maxRecords = request.maxRecords();
		this.generator = (request.generator() != null) ? new JobGenerator(request.generator()) : null;
		boolean armed = this.schedule != null && this.schedule.isArmed();
		this.schedule = (request.schedule() != null) ? new JobSchedule(request.schedule()) : null;
		if (armed && this.schedule != null) {
			this.schedule.arm(true);
		}
		this.restart = RestartPolicy.of(request.restart());
	}

	/**
	 * Starts the job: {@link JobState#SCHEDULED} if its start time is still ahead,
	 * otherwise {@link JobState#DEPLOYING} with no agent yet (placement picks one). A
	 * COMPLETED, FAILED or LOST job starts a new run: the run number goes up and the
	 * agent, start and finish times of the previous run are cleared. Starting a job that
	 * is already DEPLOYING, or SCHEDULED with its start time still ahead, is a no-op; a
	 * SCHEDULED job whose start time has passed deploys.
	 * @param reason why, e.g. who started it
	 * @param now the current time
	 * @throws IllegalJobTransitionException if the job is RUNNING or STOPPING
	 */
	public void start(String reason, Instant now) {
		JobState target = (this.startAt != null && this.startAt.isAfter(now)) ? JobState.SCHEDULED : JobState.DEPLOYING;
		refuseWhileRunning(target);
		if (!this.state.requireTransitionTo(target)) {
			return;
		}
		if (this.state.isTerminal()) {
			this.run.startAfresh();
		}
		this.run.beginStart();
		transitionTo(target, (target == JobState.SCHEDULED) ? reason + "; starts at " + this.startAt : reason, now);
	}

	/**
	 * Starts a new run like {@link #start} that runs exactly {@code image} (a digest the
	 * agent reported for an earlier run) instead of the job's image; replacement runs of
	 * this start keep the pin, the next plain start drops it.
	 * @param image a repo digest ({@code name@sha256:...}) or an image id
	 * ({@code sha256:...})
	 * @param reason why, e.g. who started it
	 * @param now the current time
	 * @throws JobConflictException unless the job has ended (COMPLETED, FAILED, LOST): a
	 * pin must not change a run that is under way or waiting
	 */
	public void startPinned(String image, String reason, Instant now) {
		if (!this.state.isTerminal()) {
			throw new JobConflictException("Job " + this.id + " is " + this.state
					+ "; a run can only be repeated identically once the job has ended");
		}
		start(reason + ", pinned to image " + image, now);
		this.run.pin(image);
	}

	/**
	 * Arms the job's recurring schedule (starting or resuming it): its firings start runs
	 * from now on. Registers {@link ScheduleArmed}. A schedule already armed stays as it
	 * is.
	 * @param reason why, for the timeline
	 * @param now the current time
	 * @return {@code true} if the schedule was not armed before
	 * @throws JobConflictException if the job has no schedule
	 */
	public boolean armSchedule(String reason, Instant now) {
		return changeSchedule(true, reason, now);
	}

	/**
	 * Disarms (pauses) the job's recurring schedule: no firing starts a run until it is
	 * armed again, and a queued firing is dropped. The current run goes on. Registers
	 * {@link ScheduleArmed}.
	 * @param reason why, for the timeline
	 * @param now the current time
	 * @return {@code true} if the schedule was armed before
	 * @throws JobConflictException if the job has no schedule
	 */
	public boolean disarmSchedule(String reason, Instant now) {
		return changeSchedule(false, reason, now);
	}

	private boolean changeSchedule(boolean armed, String reason, Instant now) {
		if (this.schedule == null) {
			throw new JobConflictException("Job " + this.id + " has no schedule");
		}
		if (this.schedule.isArmed() == armed) {
			return false;
		}
		this.schedule.arm(armed);
		note(reason, now);
		registerEvent(new ScheduleArmed(this.id, armed, now));
		return true;
	}

	/**
	 * The job's schedule fired: a new run starts, unless a run is still active
	 * (DEPLOYING, RUNNING, STOPPING): then the firing is skipped, or queued if the job's
	 * overlap is {@link ScheduleOverlap#QUEUE} and no firing is queued yet; either is
	 * noted in the timeline. A firing of a disarmed schedule, or one at or before the
	 * last firing handled (the same firing again after a handler restart), does nothing.
	 * @param firing when the firing was due
	 * @param now the current time
	 * @return what the firing did
	 */
	public FiringOutcome scheduleFired(Instant firing, Instant now) {
		if (this.schedule == null || !this.schedule.isArmed() || !this.schedule.accept(firing)) {
			return FiringOutcome.IGNORED;
		}
		String at = "firing at " + localTime(firing);
		if (!this.state.isActive()) {
			start("started by schedule: " + at, now);
			return FiringOutcome.STARTED;
		}
		String active = "run " + getRunNumber() + " still " + this.state;
		if (this.schedule.overlap() == ScheduleOverlap.QUEUE && this.schedule.queuedFiring() == null) {
			this.schedule.queue(firing);
			note(at + " queued: " + active, now);
			return FiringOutcome.QUEUED;
		}
		String already = (this.schedule.overlap() == ScheduleOverlap.QUEUE) ? " and a firing is queued already" : "";
		note(at + " skipped: " + active + already, now);
		return FiringOutcome.SKIPPED;
	}

	/**
	 * Starts the queued firing's run once no run is active any more. Does nothing without
	 * a queued firing, while a run is active or LOST (its loss policy decides first; the
	 * next firing starts a run from LOST), or when the schedule is disarmed.
	 * @param now the current time
	 * @return {@code true} if a run was started
	 */
	public boolean takeQueuedStart(Instant now) {
		if (this.schedule == null || !this.schedule.isArmed() || this.schedule.queuedFiring() == null
				|| this.state.isActive() || this.state == JobState.LOST) {
			return false;
		}
		Instant firing = this.schedule.queuedFiring();
		this.schedule.queue(null);
		start("started by schedule: firing at " + localTime(firing) + ", queued until run " + getRunNumber() + " ended",
				now);
		return true;
	}

	/**
	 * @return whether a queued firing waits for the active run to end
	 */
	public boolean hasQueuedStart() {
		return this.schedule != null && this.schedule.queuedFiring() != null;
	}

	/**
	 * @return the recurring schedule, {@code null} if the job has none
	 */
	public ScheduleRequest getSchedule() {
		return (this.schedule != null) ? this.schedule.toRequest() : null;
	}

	/**
	 * @return whether the job has a schedule whose firings start runs
	 */
	public boolean isScheduleArmed() {
		return this.schedule != null && this.schedule.isArmed();
	}

	private String localTime(Instant at) {
		ZoneId zone = ZoneId.of(this.schedule.toRequest().zoneOrDefault());
		return FIRING_TIME.format(at.atZone(zone));
	}

	/**
	 * The start time of a {@link JobState#SCHEDULED} job has come: it begins deploying.
	 * @param now the current time
	 */
	public void startTimeReached(Instant now) {
		refuseWhileRunning(JobState.DEPLOYING);
		transitionTo(JobState.DEPLOYING, "start time reached", now);
	}

	/**
	 * RUNNING → DEPLOYING is a move off a draining agent ({@link #moveOff}), never a
	 * start.
	 */
	private void refuseWhileRunning(JobState target) {
		if (this.state == JobState.RUNNING) {
			throw new IllegalJobTransitionException(this.state, target);
		}
	}

	/**
	 * Places a deploying job on an agent (again, if the first choice refused it). Records
	 * a timeline entry and registers {@link JobAssigned}, on which the instruction to the
	 * agent is sent.
	 * @param agentId the chosen agent
	 * @param now the current time
	 * @throws JobConflictException if the job is not DEPLOYING
	 */
	public void assignTo(String agentId, Instant now) {
		if (this.state != JobState.DEPLOYING) {
			throw new JobConflictException(
					"Job " + this.id + " is " + this.state + "; only a DEPLOYING job can be placed on an agent");
		}
		this.run.assign(agentId, now);
		String reason = "placed on agent " + agentId;
		this.stateReason = reason;
		this.events.add(new JobEvent(now, getRunNumber(), JobState.DEPLOYING, JobState.DEPLOYING, reason));
		registerEvent(new JobAssigned(this.id, getRunNumber(), agentId, now));
	}

	/**
	 * The job's agent refused the run for a passing reason (it is unhealthy or lacks
	 * capacity, a race with placement): the job waits for placement again, without an
	 * agent, and that agent is not chosen again for this run. Records a timeline entry.
	 * Does nothing unless the job is DEPLOYING on that agent.
	 * @param agentId the refusing agent
	 * @param reason the agent's reason
	 * @param now the current time
	 * @return {@code true} if the job went back to placement
	 */
	public boolean returnToPlacement(String agentId, String reason, Instant now) {
		if (this.state != JobState.DEPLOYING || !Objects.equals(getAgentId(), agentId)) {
			return false;
		}
		this.run.refusedBy(agentId);
		this.stateReason = cut("agent " + agentId + " refused the job, placing it elsewhere: " + reason);
		this.events.add(new JobEvent(now, getRunNumber(), JobState.DEPLOYING, JobState.DEPLOYING, this.stateReason));
		return true;
	}

	/**
	 * The job's agent is still working on the CREATE (it is pulling the image): the
	 * deploy timeout counts from now. The first such report of a placement adds a
	 * timeline entry, later ones only move the time. Does nothing unless the job is
	 * DEPLOYING on an agent.
	 * @param what what the agent is doing, for the timeline, e.g. "agent A is pulling
	 * image X"
	 * @param now the current time
	 */
	public void deployProgress(String what, Instant now) {
		if (this.state != JobState.DEPLOYING || getAgentId() == null) {
			return;
		}
		if (this.run.deployProgress(now)) {
			note(what, now);
		}
	}

	/**
	 * Records the sum of the job's topic end offsets when the run became RUNNING; the
	 * records it produced are counted from there.
	 * @param sum the sum over all partitions
	 */
	public void recordRunStartOffsets(long sum) {
		this.run.startOffsets(sum);
	}

	/**
	 * Freezes the records produced by the run (when it leaves RUNNING).
	 * @param count the count
	 */
	public void freezeRecordsProduced(long count) {
		this.run.freezeRecordsProduced(count);
	}

	/**
	 * All containers of the current run started.
	 * @param now the current time, from which the duration counts
	 */
	public void markRunning(Instant now) {
		if (transitionTo(JobState.RUNNING, "all " + this.containers + " containers started", now)) {
			// a replacement run keeps the start of the job's first run
			this.run.started(now);
		}
	}

	/**
	 * Replaces a LOST run by a new one on another agent: the run number goes up, the job
	 * deploys again without an agent (placement picks one; the LOST agent cannot take
	 * it), and the duration and the records produced keep counting from the first run's
	 * start. The old run's containers are removed when its agent returns (their run is
	 * superseded). Does nothing unless the job is LOST.
	 * @param why why the old run is given up, for the timeline (which adds "run N
	 * replaced by run N+1")
	 * @param now the current time
	 * @return {@code true} if a new run was started
	 */
	public boolean replace(String why, Instant now) {
		if (this.state != JobState.LOST) {
			return false;
		}
		transitionTo(JobState.DEPLOYING, nextRun(why), now);
		return true;
	}

	/**
	 * Moves a RUNNING job off its draining agent: like {@link #replace} a new run begins
	 * (the duration and the records produced count on from the first run's start), here
	 * placed at once on {@code toAgent}, which placement chose. The topic of this start
	 * stays prepared. Registers {@link JobRunMoved}, on which the old run's containers
	 * are removed from the old agent. Does nothing unless the job is RUNNING on
	 * {@code fromAgent}.
	 * @param fromAgent the draining agent
	 * @param toAgent the agent that takes the new run
	 * @param now the current time
	 * @return {@code true} if the job was moved
	 */
	public boolean moveOff(String fromAgent, String toAgent, Instant now) {
		if (this.state != JobState.RUNNING || !Objects.equals(getAgentId(), fromAgent)) {
			return false;
		}
		int oldRun = getRunNumber();
		String reason = nextRun("moved off draining agent " + fromAgent) + " on agent " + toAgent;
		this.run.topicPrepared();
		transitionTo(JobState.DEPLOYING, reason, now);
		registerEvent(new JobRunMoved(this.id, oldRun, fromAgent, reason, now));
		assignTo(toAgent, now);
		return true;
	}

	/**
	 * Begins the next run of the same start, without an agent (replacement, move).
	 * @return the timeline text: "why: run N replaced by run N+1"
	 */
	private String nextRun(String why) {
		String reason = why + ": run " + getRunNumber() + " replaced by run " + (getRunNumber() + 1);
		this.run.continueStart();
		return reason;
	}

	/**
	 * Asks the job to stop. RUNNING, or DEPLOYING on an agent, becomes STOPPING (the
	 * agent must remove the containers); DEPLOYING before any agent was chosen has
	 * nothing to remove and becomes COMPLETED at once; SCHEDULED is cancelled back to
	 * CREATED. A LOST job stays LOST but leaves its agent, so it is not resumed when the
	 * agent returns. A job that is CREATED, already STOPPING or finished is left as it
	 * is: stopping is idempotent.
	 * @param reason why, e.g. who stopped it or that its duration is over
	 * @param now the current time
	 * @return the state after the request
	 */
	public JobState requestStop(String reason, Instant now) {
		switch (this.state) {
			case RUNNING -> transitionTo(JobState.STOPPING, reason, now);
			case DEPLOYING -> {
				if (getAgentId() == null) {
					complete(reason + " before it was placed on an agent", now);
				}
				else {
					transitionTo(JobState.STOPPING, reason, now);
				}
			}
			case SCHEDULED -> transitionTo(JobState.CREATED, reason + "; scheduled start cancelled", now);
			case LOST -> {
				// the run may still be resumed when its agent returns: after a stop it
				// must not, so it leaves its agent (whose containers are then removed on
				// return)
				if (getAgentId() != null) {
					String agent = getAgentId();
					this.run.leaveAgent();
					note(reason + " while LOST: the containers on agent " + agent + " are removed when it returns",
							now);
				}
			}
			default -> {
				// CREATED, STOPPING, COMPLETED, FAILED: nothing to stop
			}
		}
		return this.state;
	}

	/**
	 * The run ended well: stopped by the user or its duration, or all containers exited
	 * with 0.
	 * @param reason why
	 * @param now the current time
	 */
	public void complete(String reason, Instant now) {
		if (transitionTo(JobState.COMPLETED, reason, now)) {
			this.run.finished(now);
		}
	}

	/**
	 * The run failed: no agent could take it, creating failed, or a container exited with
	 * an error.
	 * @param reason why, shown to the user
	 * @param now the current time
	 */
	public void fail(String reason, Instant now) {
		if (transitionTo(JobState.FAILED, reason, now)) {
			this.run.finished(now);
		}
	}

	/**
	 * The job's agent stopped heartbeating.
	 * @param reason why
	 * @param now the current time
	 */
	public void markLost(String reason, Instant now) {
		if (transitionTo(JobState.LOST, reason, now)) {
			this.run.finished(now);
		}
	}

	/**
	 * Undoes a loss: the job's agent is back and reports every container of the current
	 * run running, so the run goes on where it was (LOST → RUNNING) with the same
	 * containers. The duration keeps counting from the run's original start; records
	 * produced are counted live again from the same starting point. A job lost while it
	 * was still deploying starts its duration now. Does nothing unless the job is LOST on
	 * that agent.
	 * @param agentId the agent that reported the containers
	 * @param reason why, for the timeline
	 * @param now the current time
	 * @return {@code true} if the job is RUNNING again
	 */
	public boolean resume(String agentId, String reason, Instant now) {
		if (this.state != JobState.LOST || !Objects.equals(getAgentId(), agentId)) {
			return false;
		}
		transitionTo(JobState.RUNNING, reason, now);
		this.run.resumed(now);
		return true;
	}

	/**
	 * Whether the current run may still be resumed: it is LOST on an agent, and nobody
	 * stopped it since.
	 * @return {@code true} if a returning agent's containers can take the run up again
	 */
	public boolean isResumable() {
		return this.state == JobState.LOST && getAgentId() != null;
	}

	/**
	 * The broker counted {@code produced} records of the current run: a job with a record
	 * limit that is reached stops ("N records reached"), so that a generator that ignores
	 * its {@code MAX_RECORDS} share is stopped too. Does nothing unless the job is
	 * RUNNING with a limit that many records reach.
	 * @param produced records the run produced so far
	 * @param now the current time
	 * @return {@code true} if the job is now stopping
	 */
	public boolean recordsCounted(long produced, Instant now) {
		if (this.state != JobState.RUNNING || this.maxRecords == null || produced < this.maxRecords) {
			return false;
		}
		requestStop(recordsReached(), now);
		return true;
	}

	/**
	 * The reason a job ends with once its record limit is reached.
	 * @return e.g. "5000 records reached"
	 */
	public String recordsReached() {
		return this.maxRecords + " records reached";
	}

	/**
	 * Adds a timeline entry that changes no state, e.g. a warning about the job's agent.
	 * @param reason the entry's text
	 * @param now the current time
	 */
	public void note(String reason, Instant now) {
		this.events.add(new JobEvent(now, getRunNumber(), this.state, this.state, cut(reason)));
	}

	/**
	 * Whether the topic must be prepared before the job is placed: it is DEPLOYING
	 * without an agent and its current run's topic has not been prepared yet.
	 * @return {@code true} if placement must prepare the topic first
	 */
	public boolean needsTopicPreparation() {
		return this.state == JobState.DEPLOYING && getAgentId() == null && !this.run.isTopicPrepared();
	}

	/**
	 * What the current run asks of its topic. The records are deleted only with
	 * {@link TopicCleanup#TRUNCATE_BEFORE_RUN} and only before the first run of a start:
	 * a replacement run continues the start, so the records written so far stay.
	 * @return the topic's settings for the broker
	 */
	public TopicSpec topicSpec() {
		boolean truncate = this.topicCleanup == TopicCleanup.TRUNCATE_BEFORE_RUN && this.run.isFirstOfStart();
		return new TopicSpec(this.topic, this.topicPartitions, this.topicReplicationFactor, this.topicRetentionHours,
				truncate);
	}

	/**
	 * The topic of the current run is prepared: records the broker's outcome in the
	 * timeline, and placement may go on.
	 * @param notes timeline entries ({@link TopicPreparation#notes})
	 * @param now the current time
	 */
	public void topicPrepared(List<String> notes, Instant now) {
		this.run.topicPrepared();
		notes.forEach((text) -> note(text, now));
	}

	/**
	 * Accepts a status report's sequence if it is newer than the last one applied to this
	 * run.
	 * @param sequence the report's sequence (per agent, increasing)
	 * @return {@code false} if the report is stale and must be ignored
	 */
	public boolean acceptStatusSequence(long sequence) {
		return this.run.acceptStatusSequence(sequence);
	}

	/**
	 * The single place where the state changes.
	 * @return {@code false} for a repeated transition (nothing changed, nothing recorded)
	 */
	private boolean transitionTo(JobState to, String reason, Instant now) {
		JobState from = this.state;
		if (!from.requireTransitionTo(to)) {
			return false;
		}
		this.state = to;
		this.stateChangedAt = now;
		this.stateReason = cut(reason);
		record(from, to, this.stateReason, now);
		return true;
	}

	private void record(JobState from, JobState to, String reason, Instant now) {
		this.events.add(new JobEvent(now, getRunNumber(), from, to, reason));
		registerEvent(new JobStateChanged(this.id, getRunNumber(), from, to, reason, now));
	}

	private static String cut(String reason) {
		if (reason == null || reason.length() <= MAX_REASON_LENGTH) {
			return reason;
		}
		return reason.substring(0, MAX_REASON_LENGTH - 3) + "...";
	}

	public String getId() {
		return this.id;
	}

	public AgentLostPolicy getOnAgentLost() {
		return this.onAgentLost;
	}

	public boolean isExclusive() {
		return this.exclusive;
	}

	public int getTopicPartitions() {
		return this.topicPartitions;
	}

	public Integer getTopicReplicationFactor() {
		return this.topicReplicationFactor;
	}

	public Integer getTopicRetentionHours() {
		return this.topicRetentionHours;
	}

	public TopicCleanup getTopicCleanup() {
		return this.topicCleanup;
	}

	public Double getTargetRate() {
		return this.targetRate;
	}

	public Long getMaxRecords() {
		return this.maxRecords;
	}

	public Long getVersion() {
		return this.version;
	}

	public String getName() {
		return this.name;
	}

	public String getDescription() {
		return this.description;
	}

	public String getImage() {
		return this.image;
	}

	/**
	 * What the current run runs: the pinned image if any, else the job's image.
	 * @return the image reference for the agent
	 */
	public String getRunImage() {
		return (this.run.getPinnedImage() != null) ? this.run.getPinnedImage() : this.image;
	}

	public List<String> getCommand() {
		return Collections.unmodifiableList(this.command);
	}

	public String getTopic() {
		return this.topic;
	}

	public int getContainers() {
		return this.containers;
	}

	public double getCpuLimit() {
		return this.cpuLimit;
	}

	public int getMemoryLimitMb() {
		return this.memoryLimitMb;
	}

	public long getDurationSeconds() {
		return this.durationSeconds;
	}

	public Instant getStartAt() {
		return this.startAt;
	}

	/**
	 * The environment in the order given.
	 * @return an unmodifiable list
	 */
	public List<EnvVar> getEnv() {
		return Collections.unmodifiableList(this.env);
	}

	/**
	 * The environment as an ordered map, secret values masked ({@link EnvVar#shown}).
	 * @return a new map in the order given
	 */
	public Map<String, String> getEnvMap() {
		Map<String, String> map = new LinkedHashMap<>();
		this.env.forEach((variable) -> map.put(variable.name(), variable.shown()));
		return map;
	}

	/**
	 * The secret variables with their encrypted values (to be decrypted only for the
	 * agent, docs/security.md).
	 * @return a new map in the order given
	 */
	public Map<String, String> getSecretEnv() {
		Map<String, String> map = new LinkedHashMap<>();
		this.env.stream().filter(EnvVar::secret).forEach((variable) -> map.put(variable.name(), variable.value()));
		return map;
	}

	public Map<String, String> getAgentLabels() {
		return Collections.unmodifiableMap(this.agentLabels);
	}

	public JobState getState() {
		return this.state;
	}

	public String getStateReason() {
		return this.stateReason;
	}

	public Instant getStateChangedAt() {
		return this.stateChangedAt;
	}

	/**
	 * @return the current run's agent, {@code null} while it has none
	 */
	public String getAgentId() {
		return this.run.getAgentId();
	}

	public String getOwner() {
		return this.owner;
	}

	/**
	 * @return the current run's number (runs are fenced by it)
	 */
	public int getRunNumber() {
		return this.run.getNumber();
	}

	/**
	 * @return the current run: its agent, times, refusals and counts
	 */
	public JobRun getRun() {
		return this.run;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	/**
	 * The timeline, oldest first. Lazily loaded: read it inside a transaction.
	 * @return an unmodifiable list
	 */
	public List<JobEvent> getEvents() {
		return Collections.unmodifiableList(this.events);
	}

	@Override
	public String toString() {
		return "Job[" + this.id + ", " + this.name + ", " + this.state + ", run " + getRunNumber() + "]";
	}

}
