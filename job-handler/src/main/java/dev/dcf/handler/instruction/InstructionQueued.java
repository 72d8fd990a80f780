package dev.dcf.handler.instruction;

/**
 * Event: an instruction was written to the outbox; the relay sends it once the
 * transaction has committed.
 *
 * @param instructionId the instruction
 */
record InstructionQueued(String instructionId) {
}
