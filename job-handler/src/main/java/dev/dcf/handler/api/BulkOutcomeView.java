package dev.dcf.handler.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dcf.handler.job.JobBulk;
import dev.dcf.handler.job.JobConflictException;
import dev.dcf.handler.job.JobNotFoundException;
import dev.dcf.handler.job.JobState;
import dev.dcf.handler.job.NotJobOwnerException;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * What a bulk action did to one job: {@code ok} with the state afterwards, or the problem
 * (RFC 9457, as the single action would have answered).
 *
 * @param id the job
 * @param ok whether the action was done
 * @param state the state afterwards; {@code null} when deleted or refused
 * @param problem why it was refused; {@code null} when done
 */
record BulkOutcomeView(String id, boolean ok, JobState state, ProblemDetail problem) {

	private static final Logger log = LoggerFactory.getLogger(BulkOutcomeView.class);

	static BulkOutcomeView of(JobBulk.Outcome outcome) {
		if (outcome.ok()) {
			return new BulkOutcomeView(outcome.id(), true, outcome.state(), null);
		}
		return new BulkOutcomeView(outcome.id(), false, null, problem(outcome.failure()));
	}

	static ProblemDetail problem(RuntimeException failure) {
		if (failure instanceof NotJobOwnerException) {
			return problem(HttpStatus.FORBIDDEN, "Not the owner", failure.getMessage());
		}
		if (failure instanceof JobNotFoundException) {
			return problem(HttpStatus.NOT_FOUND, "Job not found", failure.getMessage());
		}
		if (failure instanceof JobConflictException) {
			return problem(HttpStatus.CONFLICT, "Conflict with the job's state", failure.getMessage());
		}
		if (failure instanceof OptimisticLockingFailureException) {
			return problem(HttpStatus.CONFLICT, "Concurrent change",
					"The job was changed at the same time by someone else; reload it and try again");
		}
		log.error("Unexpected error in a bulk action", failure);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
				"The action failed unexpectedly; the handler's log has the details");
	}

	private static ProblemDetail problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

}
