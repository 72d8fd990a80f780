package dev.dcf.handler.live;

import java.time.Instant;

import dev.dcf.handler.job.JobAssigned;
import dev.dcf.handler.job.JobDeleted;
import dev.dcf.handler.job.JobStateChanged;

/**
 * What browsers receive about a job: small on purpose; pages fetch what they show from
 * the server, so nothing here has to be escaped or trusted.
 *
 * @param type {@code state} (a state change), {@code assigned} (placed on an agent) or
 * {@code deleted}
 * @param jobId the job
 * @param runNumber the run, 0 for {@code deleted}
 * @param from the state before, if {@code state}
 * @param to the state after, if {@code state}
 * @param agentId the agent, if {@code assigned}
 * @param at when it happened (ISO-8601, UTC)
 */
record JobUpdate(String type, String jobId, int runNumber, String from, String to, String agentId, String at) {

	static JobUpdate of(JobStateChanged event) {
		return new JobUpdate("state", event.jobId(), event.runNumber(),
				(event.from() != null) ? event.from().name() : null, event.to().name(), null, iso(event.at()));
	}

	static JobUpdate of(JobAssigned event) {
		return new JobUpdate("assigned", event.jobId(), event.runNumber(), null, null, event.agentId(),
				iso(event.at()));
	}

	static JobUpdate of(JobDeleted event) {
		return new JobUpdate("deleted", event.jobId(), 0, null, null, null, iso(event.at()));
	}

	private static String iso(Instant at) {
		return (at != null) ? at.toString() : null;
	}

}
