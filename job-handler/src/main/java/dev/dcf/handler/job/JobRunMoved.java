package dev.dcf.handler.job;

import java.time.Instant;

/**
 * Domain event: a running job was moved off a draining agent ({@link Job#moveOff}); the
 * old run's containers must be removed from that agent.
 *
 * @param jobId the job
 * @param oldRun the run that was replaced
 * @param oldAgent the agent it ran on
 * @param reason the timeline text
 * @param at when
 */
public record JobRunMoved(String jobId, int oldRun, String oldAgent, String reason, Instant at) {
}
