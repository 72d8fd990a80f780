package dev.dcf.agent.instruction;

import java.time.Duration;

/** Waits between attempts; tests pass one that only advances their clock. */
@FunctionalInterface
interface Pause {

	Pause SLEEP = (duration) -> Thread.sleep(duration.toMillis());

	void sleep(Duration duration) throws InterruptedException;

}
