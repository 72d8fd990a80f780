package dev.dcf.handler.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import dev.dcf.handler.agent.ReportedContainer;
import dev.dcf.handler.job.RestartRequest;

/**
 * The timeline's words for restarts by a job's restart policy.
 */
final class RestartNotes {

	private RestartNotes() {
	}

	/** "container dcf-…-0 exited with code 1; restart 2 of 3 in 2s". */
	static String exited(JobReport report) {
		JobReport.Restart restart = report.restart();
		String container = report.containers().isEmpty() ? "a container" : describe(report.containers().get(0));
		if (restart == null) {
			return container + " is restarted by its agent";
		}
		return container + "; restart " + restart.attempt() + " of " + restart.attempts() + " in "
				+ RestartRequest.format(restart.delay());
	}

	/**
	 * "container dcf-…-0 started again (restart 2 of 3) 2.3 s after it exited: 3f2a…";
	 * the wait by the Docker daemon's clock (both times are the daemon's).
	 * @param exitedAt when the container it replaces finished, {@code null} if unknown
	 */
	static String started(JobReport.Restart restart, ReportedContainer container, Instant exitedAt) {
		String after = (exitedAt != null && container.startedAt() != null) ? String.format(Locale.ROOT,
				" %.1f s after it exited", Duration.between(exitedAt, container.startedAt()).toMillis() / 1000.0) : "";
		return "container " + container.name() + " started again (restart " + restart.attempt() + " of "
				+ restart.attempts() + ")" + after + ": " + shortId(container.containerId());
	}

	private static String describe(ReportedContainer container) {
		return "container " + container.name() + " exited with code "
				+ ((container.exitCode() != null) ? container.exitCode() : "unknown");
	}

	private static String shortId(String id) {
		return (id != null && id.length() > 12) ? id.substring(0, 12) : String.valueOf(id);
	}

}
