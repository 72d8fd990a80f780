package dev.dcf.handler.job;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import org.hibernate.annotations.BatchSize;
import org.hibernate.annotations.Fetch;
import org.hibernate.annotations.FetchMode;

/**
 * Where a job's current run stands: its number, its agent, its times, the agents that
 * refused it, the topic offsets its record count starts from. Part of the {@link Job}
 * aggregate (embedded in its row): readable by all, changed only by {@code Job}, whose
 * state changes decide when (the package-private methods below).
 */
@Embeddable
public class JobRun {

	@Column(name = "run_number", nullable = false)
	private int number;

	/**
	 * The run a start began with: replacement runs continue it (so the topic is not
	 * truncated again); {@code null} for starts before this was recorded.
	 */
	@Column(name = "start_run")
	private Integer startRun;

	@Column(name = "agent_id")
	private String agentId;

	/**
	 * Sequence of the newest status report applied to the current run (stale ones lose).
	 */
	@Column(name = "status_sequence")
	private Long statusSequence;

	@Column(name = "started_at")
	private Instant startedAt;

	@Column(name = "finished_at")
	private Instant finishedAt;

	/** When the run was placed on its current agent (deploy timeout counts from here). */
	@Column(name = "assigned_at")
	private Instant assignedAt;

	/**
	 * When the current agent last reported progress on deploying the run (it is pulling
	 * the image); the deploy timeout counts from here when it is later than
	 * {@link #assignedAt}.
	 */
	@Column(name = "deploy_progress_at")
	private Instant deployProgressAt;

	/** Agents that refused the run (unhealthy, no capacity): placement skips them. */
	@ElementCollection(fetch = FetchType.EAGER)
	@Fetch(FetchMode.SELECT)
	@BatchSize(size = 50)
	@CollectionTable(name = "job_refused_by", joinColumns = @JoinColumn(name = "job_id"))
	@Column(name = "agent_id", nullable = false)
	private Set<String> refusedBy = new LinkedHashSet<>();

	/** Sum of the topic's end offsets when the run became RUNNING. */
	@Column(name = "run_start_offsets")
	private Long startOffsets;

	/** Records produced by the run, frozen when it left RUNNING. */
	@Column(name = "records_produced")
	private Long recordsProduced;

	/**
	 * The image the run was pinned to by "run again identically" (a repo digest or an
	 * image id), {@code null}: the job's image. Kept by replacement runs, cleared by a
	 * plain start.
	 */
	@Column(name = "pinned_image", length = 400)
	private String pinnedImage;

	/** The run whose topic was prepared (created, checked, truncated). */
	@Column(name = "topic_prepared_run")
	private Integer topicPreparedRun;

	protected JobRun() {
		// for JPA
	}

	/** Run 1 of a new job. */
	static JobRun first() {
		JobRun run = new JobRun();
		run.number = 1;
		return run;
	}

	/** A start after the job ended: a new run with nothing of the previous one. */
	void startAfresh() {
		this.number++;
		this.agentId = null;
		this.startedAt = null;
		this.finishedAt = null;
		this.statusSequence = null;
		this.assignedAt = null;
		this.deployProgressAt = null;
		this.refusedBy.clear();
		this.startOffsets = null;
		this.recordsProduced = null;
		this.pinnedImage = null;
	}

	/** Marks the current run as the first of a start. */
	void beginStart() {
		this.startRun = this.number;
	}

	void pin(String image) {
		this.pinnedImage = Objects.requireNonNull(image, "image");
	}

	/**
	 * The next run of the same start, without an agent (replacement, move): the start
	 * time, the start offsets and the pin carry over.
	 */
	void continueStart() {
		this.number++;
		this.agentId = null;
		this.finishedAt = null;
		this.statusSequence = null;
		this.assignedAt = null;
		this.deployProgressAt = null;
		this.refusedBy.clear();
		this.recordsProduced = null;
	}

	void assign(String agentId, Instant now) {
		if (!Objects.equals(this.agentId, agentId)) {
			this.statusSequence = null;
		}
		this.agentId = Objects.requireNonNull(agentId, "agentId");
		this.assignedAt = now;
		this.deployProgressAt = null;
	}

	/** The agent refused the run: it leaves the agent, which is not chosen again. */
	void refusedBy(String agentId) {
		this.agentId = null;
		this.assignedAt = null;
		this.deployProgressAt = null;
		this.refusedBy.add(agentId);
	}

	/** The run leaves its agent for good (stopped while LOST). */
	void leaveAgent() {
		this.agentId = null;
	}

	/**
	 * @return {@code true} for the first progress report of this placement
	 */
	boolean deployProgress(Instant now) {
		boolean first = this.deployProgressAt == null;
		this.deployProgressAt = now;
		return first;
	}

	/** Started, unless a run of the same start started before (its time counts). */
	void started(Instant now) {
		if (this.startedAt == null) {
			this.startedAt = now;
		}
	}

	void finished(Instant now) {
		this.finishedAt = now;
	}

	/** LOST back to RUNNING: records produced are counted live again. */
	void resumed(Instant now) {
		started(now);
		this.finishedAt = null;
		this.recordsProduced = null;
	}

	void startOffsets(long sum) {
		this.startOffsets = sum;
	}

	void freezeRecordsProduced(long count) {
		this.recordsProduced = count;
	}

	void topicPrepared() {
		this.topicPreparedRun = this.number;
	}

	boolean acceptStatusSequence(long sequence) {
		if (this.statusSequence != null && sequence <= this.statusSequence) {
			return false;
		}
		this.statusSequence = sequence;
		return true;
	}

	/**
	 * @return whether this run's topic has been prepared
	 */
	public boolean isTopicPrepared() {
		return Objects.equals(this.topicPreparedRun, this.number);
	}

	/**
	 * @return whether this run is the first of its start (its topic may be truncated)
	 */
	public boolean isFirstOfStart() {
		return this.startRun != null && this.startRun == this.number;
	}

	/**
	 * @return the run number, 1 for a new job, up by one with every run
	 */
	public int getNumber() {
		return this.number;
	}

	public String getAgentId() {
		return this.agentId;
	}

	public Long getStatusSequence() {
		return this.statusSequence;
	}

	public Instant getStartedAt() {
		return this.startedAt;
	}

	public Instant getFinishedAt() {
		return this.finishedAt;
	}

	public Instant getAssignedAt() {
		return this.assignedAt;
	}

	public Instant getDeployProgressAt() {
		return this.deployProgressAt;
	}

	/**
	 * @return the agents that refused this run, in no particular order
	 */
	public Set<String> getRefusedBy() {
		return Collections.unmodifiableSet(this.refusedBy);
	}

	/**
	 * @return the sum of the topic's end offsets when the run became RUNNING, the
	 * starting point of its records produced; {@code null} before
	 */
	public Long getStartOffsets() {
		return this.startOffsets;
	}

	public Long getRecordsProduced() {
		return this.recordsProduced;
	}

	public String getPinnedImage() {
		return this.pinnedImage;
	}

}
