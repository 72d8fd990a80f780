package dev.dcf.handler.agent;

import java.time.Instant;

/**
 * Domain event: an administrator marked an agent draining, or lifted the mark. Published
 * when the agent is saved.
 *
 * @param agentId the agent
 * @param draining whether it is draining now
 * @param move whether its running jobs are moved elsewhere
 * @param by who changed the mark
 * @param at when
 */
public record AgentDrainChanged(String agentId, boolean draining, boolean move, String by, Instant at) {
}
