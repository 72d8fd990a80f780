package dev.dcf.handler.token;

/**
 * A token request with a bad field: nothing was stored.
 */
public class InvalidTokenRequestException extends RuntimeException {

	private final String field;

	InvalidTokenRequestException(String field, String message) {
		super(message);
		this.field = field;
	}

	/** The request field at fault. */
	public String field() {
		return this.field;
	}

}
