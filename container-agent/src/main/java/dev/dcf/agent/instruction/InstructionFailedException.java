package dev.dcf.agent.instruction;

/**
 * One instruction of several handed over together failed: those before it were all
 * carried out (and answered); it and those after it must be delivered again (they are
 * idempotent, so the ones after it that did run do no harm when carried out again). The
 * cause is what the instruction threw.
 */
public final class InstructionFailedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final int position;

	InstructionFailedException(int position, Throwable cause) {
		super("instruction " + position + " of the batch failed: " + cause, cause);
		this.position = position;
	}

	/** Where the failed instruction is in the list handed over. */
	public int position() {
		return this.position;
	}

}
