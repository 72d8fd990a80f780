package dev.dcf.handler.api;

import java.time.Instant;

import dev.dcf.handler.job.JobEvent;
import dev.dcf.handler.job.JobState;

/**
 * One entry of a job's timeline; {@code from} is {@code null} for the creation.
 */
record JobEventView(Instant at, int runNumber, JobState from, JobState to, String reason) {

	static JobEventView of(JobEvent event) {
		return new JobEventView(event.at(), event.runNumber(), event.from(), event.to(), event.reason());
	}

}
