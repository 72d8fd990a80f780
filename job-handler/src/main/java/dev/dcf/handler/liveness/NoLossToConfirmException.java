package dev.dcf.handler.liveness;

/**
 * An administrator confirmed the loss of an agent that is still heard: nothing changes.
 */
public class NoLossToConfirmException extends RuntimeException {

	NoLossToConfirmException(String message) {
		super(message);
	}

}
