package dev.dcf.handler.job;

import java.util.List;

/**
 * A job request broke one or more rules; nothing was stored (HTTP 400 in the API).
 */
public class InvalidJobRequestException extends RuntimeException {

	private final List<FieldViolation> violations;

	public InvalidJobRequestException(List<FieldViolation> violations) {
		super("Invalid job request: " + violations);
		this.violations = List.copyOf(violations);
	}

	public List<FieldViolation> violations() {
		return this.violations;
	}

}
