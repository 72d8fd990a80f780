package dev.dcf.handler.job;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/**
 * One entry of a job's timeline: a state change, or (with {@code from == to}) a notable
 * step within a state such as the placement on an agent.
 *
 * @param at when it happened
 * @param runNumber the run it belongs to
 * @param from the state before; {@code null} for the creation of the job
 * @param to the state after
 * @param reason why, for people
 */
@Embeddable
public record JobEvent(@Column(name = "occurred_at", nullable = false) Instant at,
		@Column(name = "run_number", nullable = false) int runNumber,
		@Enumerated(EnumType.STRING) @Column(name = "from_state", length = 16) JobState from,
		@Enumerated(EnumType.STRING) @Column(name = "to_state", nullable = false, length = 16) JobState to,
		@Column(name = "reason", length = Job.MAX_REASON_LENGTH) String reason) {
}
