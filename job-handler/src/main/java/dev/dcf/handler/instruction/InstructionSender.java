package dev.dcf.handler.instruction;

import java.util.concurrent.CompletableFuture;

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

	/**
	 * Hands one instruction to the broker without waiting for its acknowledgement, so
	 * several can be awaited together. The future completes within the sender's timeout:
	 * normally once the broker acknowledged it, exceptionally with
	 * {@link InstructionNotSentException} or {@link InstructionRefusedException}. Unless
	 * overridden, sends and waits at once.
	 * @param instruction the instruction
	 * @return completes when the broker acknowledged it, or failed
	 */
	default CompletableFuture<Void> sendAsync(Instruction instruction) {
		try {
			send(instruction);
			return CompletableFuture.completedFuture(null);
		}
		catch (InstructionNotSentException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

}
