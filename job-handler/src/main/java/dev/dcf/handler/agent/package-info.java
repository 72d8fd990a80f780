/**
 * Agents as the handler sees them: a read model built from their heartbeats
 * ({@link dev.dcf.handler.agent.AgentService#recordHeartbeat}), with health, checks and
 * capacity.
 */
package dev.dcf.handler.agent;
