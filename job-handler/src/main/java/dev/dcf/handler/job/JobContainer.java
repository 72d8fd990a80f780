package dev.dcf.handler.job;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;

/**
 * One container of one run of a job, as its agent last reported it. Observed state only:
 * the job's own state is decided by {@link Job}. Unique per (job, run, index).
 */
@Entity
@Table(name = "job_container", uniqueConstraints = @UniqueConstraint(name = "uk_job_container_run_index",
		columnNames = { "job_id", "run_number", "container_index" }))
public class JobContainer {

	@Id
	@Column(length = 36)
	private String id;

	@Version
	private Long version;

	@Column(name = "job_id", nullable = false, length = 36)
	private String jobId;

	@Column(name = "run_number", nullable = false)
	private int runNumber;

	@Column(name = "container_index", nullable = false)
	private int index;

	@Column(name = "container_id", length = 128)
	private String containerId;

	@Column(name = "name", length = 255)
	private String name;

	@Column(name = "agent_id", nullable = false)
	private String agentId;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false, length = 16)
	private ContainerState state;

	@Column(name = "exit_code")
	private Integer exitCode;

	@Column(name = "started_at")
	private Instant startedAt;

	@Column(name = "finished_at")
	private Instant finishedAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	/**
	 * The image the container was created from, as its agent resolved it: a repo digest
	 * ({@code name@sha256:...}) or, for an image no registry knows, the image id
	 * ({@code sha256:...}); {@code null} from agents older than this.
	 */
	@Column(name = "image_digest", length = 400)
	private String imageDigest;

	protected JobContainer() {
		// for JPA
	}

	/**
	 * A container the handler has heard of for the first time.
	 * @param jobId the job
	 * @param runNumber the run that started it
	 * @param index its 0-based index within the job
	 * @param agentId the agent that runs it
	 * @param now the current time
	 */
	public JobContainer(String jobId, int runNumber, int index, String agentId, Instant now) {
		this.id = UUID.randomUUID().toString();
		this.jobId = Objects.requireNonNull(jobId, "jobId");
		this.runNumber = runNumber;
		this.index = index;
		this.agentId = Objects.requireNonNull(agentId, "agentId");
		this.state = ContainerState.UNKNOWN;
		this.updatedAt = now;
	}

	/**
	 * Takes over what the agent reported.
	 * @param containerId Docker's id
	 * @param name the container name
	 * @param state the observed state
	 * @param exitCode the exit code once it exited, else {@code null}
	 * @param startedAt when Docker started it, if known
	 * @param finishedAt when it ended, if known
	 * @param now the current time
	 */
	public void observe(String containerId, String name, ContainerState state, Integer exitCode, Instant startedAt,
			Instant finishedAt, Instant now) {
		this.containerId = containerId;
		this.name = name;
		this.state = Objects.requireNonNull(state, "state");
		this.exitCode = exitCode;
		this.startedAt = startedAt;
		this.finishedAt = finishedAt;
		this.updatedAt = now;
	}

	/**
	 * Takes over the image digest an agent reported; an unknown one ({@code null}) keeps
	 * what was known.
	 * @param digest the digest, or {@code null}
	 */
	public void observeImage(String digest) {
		if (digest != null && !digest.isBlank()) {
			this.imageDigest = digest;
		}
	}

	public String getImageDigest() {
		return this.imageDigest;
	}

	public String getId() {
		return this.id;
	}

	public String getJobId() {
		return this.jobId;
	}

	public int getRunNumber() {
		return this.runNumber;
	}

	public int getIndex() {
		return this.index;
	}

	public String getContainerId() {
		return this.containerId;
	}

	public String getName() {
		return this.name;
	}

	public String getAgentId() {
		return this.agentId;
	}

	public ContainerState getState() {
		return this.state;
	}

	public Integer getExitCode() {
		return this.exitCode;
	}

	public Instant getStartedAt() {
		return this.startedAt;
	}

	public Instant getFinishedAt() {
		return this.finishedAt;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

}
