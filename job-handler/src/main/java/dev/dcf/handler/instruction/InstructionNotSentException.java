package dev.dcf.handler.instruction;

/**
 * An instruction did not reach the broker (broker or registry down, timeout). The outbox
 * keeps it and tries again.
 */
public class InstructionNotSentException extends RuntimeException {

	public InstructionNotSentException(String message, Throwable cause) {
		super(message, cause);
	}

}
