package dev.dcf.handler.logs;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The kept end of one container's output: one row per job, run and container index.
 */
@Entity
@Table(name = "container_log")
class ContainerLog {

	@Id
	@Column(length = 36)
	private String id;

	@Column(name = "job_id", nullable = false, length = 36)
	private String jobId;

	@Column(name = "run_number", nullable = false)
	private int runNumber;

	@Column(name = "container_index", nullable = false)
	private int containerIndex;

	@Column(name = "exit_code")
	private Integer exitCode;

	@Column(nullable = false, length = 16384)
	private String output;

	@Column(name = "captured_at", nullable = false)
	private Instant capturedAt;

	protected ContainerLog() {
	}

	ContainerLog(String id, ExitOutput exit) {
		this.id = id;
		this.jobId = exit.jobId();
		this.runNumber = exit.runNumber();
		this.containerIndex = exit.index();
		replaceWith(exit);
	}

	/** A later exit of the same container (a restart) replaces the lines. */
	void replaceWith(ExitOutput exit) {
		this.exitCode = exit.exitCode();
		this.output = exit.output();
		this.capturedAt = exit.capturedAt();
	}

	Instant getCapturedAt() {
		return this.capturedAt;
	}

	int getRunNumber() {
		return this.runNumber;
	}

	int getContainerIndex() {
		return this.containerIndex;
	}

	KeptOutput kept() {
		return new KeptOutput(this.jobId, this.runNumber, this.containerIndex, this.exitCode, this.capturedAt,
				KeptOutput.lines(this.output));
	}

}
