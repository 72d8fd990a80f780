package dev.dcf.handler.agent;

/**
 * A container an agent lists in its heartbeat that it did not start: another agent on the
 * same Docker daemon started it, or one that no longer exists (e.g. an agent recreated
 * with a new id), or nobody DCF knows (no agent label).
 *
 * @param startedBy the agent id on its label; empty if it has none
 * @param container what the reporting agent saw
 */
public record ForeignContainer(String startedBy, ReportedContainer container) {
}
