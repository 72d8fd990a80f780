package dev.dcf.handler.instruction;

/**
 * Sends instructions to agents; implemented by the messaging edge.
 */
public interface InstructionSender {

	/**
	 * Sends one instruction and waits until the broker acknowledged it.
	 * @param instruction the instruction
	 * @throws InstructionNotSentException if it was not acknowledged (retry later)
	 * @throws InstructionRefusedException if it can never be sent (drop it)
	 */
	void send(Instruction instruction);

}
