package dev.dcf.agent.instruction;

import java.util.function.Supplier;

import dev.dcf.agent.runtime.PullBytes;

/**
 * Follows the pull of a CREATE's image while it runs, e.g. to tell the handler that the
 * agent is still at it.
 */
interface PullFollower {

	/** Follows nothing. */
	PullFollower NONE = (instruction, bytes) -> () -> {
	};

	/**
	 * Starts following; must not block.
	 * @param instruction the CREATE whose image is pulled
	 * @param bytes how far the pull has come, whenever asked
	 * @return closed when the pull is over (successfully or not)
	 */
	Following follow(Instruction instruction, Supplier<PullBytes> bytes);

	/** One pull being followed. */
	interface Following extends AutoCloseable {

		@Override
		void close();

	}

}
