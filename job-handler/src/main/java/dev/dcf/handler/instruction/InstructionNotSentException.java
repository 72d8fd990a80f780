package dev.dcf.handler.instruction;

/**
 * An instruction did not reach the broker (broker or registry down, timeout). The outbox
 * keeps it and tries again.
 */
public class InstructionNotSentException extends RuntimeException {

	private final boolean kafkaUnreachable;

	public InstructionNotSentException(String message, Throwable cause) {
		this(message, cause, false);
	}

	/**
	 * @param message what failed
	 * @param cause the cause
	 * @param kafkaUnreachable whether Kafka did not answer at all (then no other
	 * instruction will get through either)
	 */
	public InstructionNotSentException(String message, Throwable cause, boolean kafkaUnreachable) {
		super(message, cause);
		this.kafkaUnreachable = kafkaUnreachable;
	}

	public boolean isKafkaUnreachable() {
		return this.kafkaUnreachable;
	}

}
