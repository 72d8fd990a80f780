package dev.dcf.handler.token;

/**
 * No token of that id among the caller's (an administrator's: among all).
 */
public class TokenNotFoundException extends RuntimeException {

	TokenNotFoundException(String id) {
		super("No API token " + id);
	}

}
