package dev.dcf.handler.run;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;

import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobState;

/**
 * One run of a job, as its state changes told it: it begins when the job deploys with a
 * new run number and ends when the job leaves it (COMPLETED, FAILED, or a new run
 * replaces or restarts it). Unique per (job, run number). Bytes and peak rate come from
 * the throughput sampler ({@link RunService#measured}), {@code null} until then.
 */
@Entity
@Table(name = "job_run",
		uniqueConstraints = @UniqueConstraint(name = "uk_job_run_number", columnNames = { "job_id", "run_number" }))
public class Run {

	@Id
	@Column(length = 36)
	private String id;

	@Version
	private Long version;

	@Column(name = "job_id", nullable = false, length = 36)
	private String jobId;

	@Column(name = "run_number", nullable = false)
	private int runNumber;

	/** The agents the run was placed on, space-separated, in order. */
	@Column(length = 2000)
	private String agents;

	@Column(name = "started_at", nullable = false)
	private Instant startedAt;

	@Column(name = "running_at")
	private Instant runningAt;

	@Column(name = "ended_at")
	private Instant endedAt;

	@Enumerated(EnumType.STRING)
	@Column(name = "last_state", nullable = false, length = 16)
	private JobState lastState;

	/** The job's state reason when the run ended; before that, its latest one. */
	@Column(name = "end_reason", length = Job.MAX_REASON_LENGTH)
	private String endReason;

	@Column
	private Long records;

	@Column
	private Long bytes;

	@Column(name = "peak_records_per_second")
	private Double peakRecordsPerSecond;

	/** The image the run was started with (the job's, or the pinned digest). */
	@Column(nullable = false, length = 400)
	private String image;

	protected Run() {
		// for JPA
	}

	Run(String jobId, int runNumber, String image, JobState state, String reason, Instant at) {
		this.id = UUID.randomUUID().toString();
		this.jobId = Objects.requireNonNull(jobId, "jobId");
		this.runNumber = runNumber;
		this.image = Objects.requireNonNull(image, "image");
		this.startedAt = at;
		this.lastState = state;
		this.endReason = reason;
	}

	/**
	 * A state change of this run; the first RUNNING sets the running time.
	 * @param state the job's new state
	 * @param reason its reason
	 * @param agentId the job's agent, or {@code null}
	 * @param at when
	 */
	void changed(JobState state, String reason, String agentId, Instant at) {
		if (isEnded()) {
			return;
		}
		this.lastState = state;
		this.endReason = reason;
		if (state == JobState.RUNNING && this.runningAt == null) {
			this.runningAt = at;
		}
		addAgent(agentId);
	}

	void addAgent(String agentId) {
		if (agentId == null || agentId.isBlank() || getAgents().contains(agentId)) {
			return;
		}
		this.agents = (this.agents == null || this.agents.isBlank()) ? agentId : this.agents + " " + agentId;
	}

	/**
	 * The run is over; its last state and reason stay as they are.
	 * @param at when
	 */
	void end(Instant at) {
		if (this.endedAt == null) {
			this.endedAt = at;
		}
	}

	void recordsProduced(Long count) {
		if (count != null) {
			this.records = count;
		}
	}

	void measured(Long bytes, Double peakRecordsPerSecond) {
		if (bytes != null) {
			this.bytes = bytes;
		}
		if (peakRecordsPerSecond != null) {
			this.peakRecordsPerSecond = peakRecordsPerSecond;
		}
	}

	public boolean isEnded() {
		return this.endedAt != null;
	}

	public String getJobId() {
		return this.jobId;
	}

	public int getRunNumber() {
		return this.runNumber;
	}

	/**
	 * @return the agents the run was placed on, in order
	 */
	public Set<String> getAgents() {
		if (this.agents == null || this.agents.isBlank()) {
			return Set.of();
		}
		return Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(this.agents.trim().split(" +"))));
	}

	public Instant getStartedAt() {
		return this.startedAt;
	}

	public Instant getRunningAt() {
		return this.runningAt;
	}

	public Instant getEndedAt() {
		return this.endedAt;
	}

	public JobState getLastState() {
		return this.lastState;
	}

	public String getEndReason() {
		return this.endReason;
	}

	public Long getRecords() {
		return this.records;
	}

	public Long getBytes() {
		return this.bytes;
	}

	public Double getPeakRecordsPerSecond() {
		return this.peakRecordsPerSecond;
	}

	public String getImage() {
		return this.image;
	}

}
