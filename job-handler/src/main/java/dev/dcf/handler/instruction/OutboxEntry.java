package dev.dcf.handler.instruction;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An instruction waiting to be sent. Only what identifies it is stored: a CREATE reads
 * the job's settings when it is sent (they never change after creation), so the row stays
 * small. Deleted once the broker acknowledged it.
 */
@Entity
@Table(name = "instruction_outbox")
class OutboxEntry {

	private static final int MAX_TEXT = 1000;

	/** Insertion order: instructions are sent in it. */
	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long seq;

	@Column(name = "instruction_id", nullable = false, length = 36)
	private String instructionId;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false, length = 16)
	private Instruction.Operation operation;

	@Column(name = "agent_id", nullable = false)
	private String agentId;

	@Column(name = "job_id", nullable = false, length = 36)
	private String jobId;

	@Column(name = "run_number", nullable = false)
	private int runNumber;

	@Column(length = MAX_TEXT)
	private String reason;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(nullable = false)
	private int attempts;

	@Column(name = "last_error", length = MAX_TEXT)
	private String lastError;

	protected OutboxEntry() {
		// for JPA
	}

	OutboxEntry(Instruction.Operation operation, String agentId, String jobId, int runNumber, String reason,
			Instant now) {
		this.instructionId = UUID.randomUUID().toString();
		this.operation = Objects.requireNonNull(operation, "operation");
		this.agentId = Objects.requireNonNull(agentId, "agentId");
		this.jobId = Objects.requireNonNull(jobId, "jobId");
		this.runNumber = runNumber;
		this.reason = cut(reason);
		this.createdAt = now;
	}

	/** A send failed: remembered for operators, the entry stays. */
	void failed(String error) {
		this.attempts++;
		this.lastError = cut(error);
	}

	private static String cut(String text) {
		return (text == null || text.length() <= MAX_TEXT) ? text : text.substring(0, MAX_TEXT);
	}

	Long getSeq() {
		return this.seq;
	}

	String getInstructionId() {
		return this.instructionId;
	}

	Instruction.Operation getOperation() {
		return this.operation;
	}

	String getAgentId() {
		return this.agentId;
	}

	String getJobId() {
		return this.jobId;
	}

	int getRunNumber() {
		return this.runNumber;
	}

	String getReason() {
		return this.reason;
	}

	Instant getCreatedAt() {
		return this.createdAt;
	}

	int getAttempts() {
		return this.attempts;
	}

	String getLastError() {
		return this.lastError;
	}

	@Override
	public String toString() {
		return this.operation + " of job " + this.jobId + " run " + this.runNumber + " to agent " + this.agentId + " ("
				+ this.instructionId + ")";
	}

}
