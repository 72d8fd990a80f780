package dev.dcf.handler.jobfile;

import java.util.List;

/**
 * A job file does not parse or breaks a rule; nothing was changed (HTTP 400).
 */
class InvalidJobFileException extends RuntimeException {

	private final List<JobFileViolation> violations;

	InvalidJobFileException(List<JobFileViolation> violations) {
		super("Invalid job file: " + violations);
		this.violations = List.copyOf(violations);
	}

	List<JobFileViolation> violations() {
		return this.violations;
	}

}
