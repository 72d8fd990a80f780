package dev.dcf.handler.instruction;

/**
 * Kafka refused an instruction for a reason that retrying cannot cure (e.g. it is larger
 * than the broker accepts). The outbox drops it; a CREATE fails its job.
 */
public class InstructionRefusedException extends InstructionNotSentException {

	public InstructionRefusedException(String message, Throwable cause) {
		super(message, cause);
	}

}
