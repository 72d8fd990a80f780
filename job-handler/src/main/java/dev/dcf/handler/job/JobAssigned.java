package dev.dcf.handler.job;

import java.time.Instant;

/**
 * Domain event: a deploying job was placed on an agent, which must now create its
 * containers.
 *
 * @param jobId the job
 * @param runNumber the run to create
 * @param agentId the chosen agent
 * @param at when
 */
public record JobAssigned(String jobId, int runNumber, String agentId, Instant at) {
}
