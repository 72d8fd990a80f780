package dev.dcf.handler.logs;

/**
 * More live log streams are open on this handler than
 * {@code dcf.handler.logs.max-viewers}.
 */
public class TooManyViewersException extends RuntimeException {

	public TooManyViewersException(int max) {
		super("This handler already streams " + max + " live logs (dcf.handler.logs.max-viewers); try again later");
	}

}
