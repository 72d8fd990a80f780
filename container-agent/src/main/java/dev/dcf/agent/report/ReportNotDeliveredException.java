package dev.dcf.agent.report;

/**
 * A report did not reach the broker (timeout, broker down, serialization or registry
 * failure). Callers retry: a report is never dropped silently.
 */
public class ReportNotDeliveredException extends RuntimeException {

	public ReportNotDeliveredException(String message, Throwable cause) {
		super(message, cause);
	}

}
