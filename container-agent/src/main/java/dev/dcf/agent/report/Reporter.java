package dev.dcf.agent.report;

/**
 * Sends the agent's reports to the handler. Implemented by the messaging package.
 *
 * <p>
 * Both methods block until the broker acknowledged the report, so a caller that returns
 * normally knows it was delivered, and one that gets {@link ReportNotDeliveredException}
 * knows it was not (and retries or gives up loudly). Every report is stamped with the
 * agent's sequence number: a job report when it is sent, a heartbeat with the one drawn
 * before it was observed ({@link AgentReport#sequence()}); reports of one job are sent in
 * the order their methods were called. Thread-safe.
 */
public interface Reporter {

	void send(JobReport report);

	void send(AgentReport report);

}
