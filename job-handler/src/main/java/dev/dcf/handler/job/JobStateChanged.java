package dev.dcf.handler.job;

import java.time.Instant;

/**
 * Domain event: a job changed state. Published when the job is saved; listeners that talk
 * to the outside world (instructions to agents, the live GUI, schedules) should act after
 * the commit ({@code @TransactionalEventListener}).
 *
 * @param jobId the job
 * @param runNumber the run the change belongs to
 * @param from the state before; {@code null} when the job was just created
 * @param to the state after
 * @param reason why, for people
 * @param at when
 */
public record JobStateChanged(String jobId, int runNumber, JobState from, JobState to, String reason, Instant at) {
}
