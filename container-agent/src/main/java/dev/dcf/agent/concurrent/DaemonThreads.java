package dev.dcf.agent.concurrent;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Daemon threads with readable names, so a stuck agent's thread dump says who is stuck.
 */
public final class DaemonThreads {

	private DaemonThreads() {
	}

	/**
	 * @param prefix the name; one ending in {@code -} gets a running number
	 * @return a factory of daemon threads
	 */
	public static ThreadFactory named(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (task) -> {
			Thread thread = new Thread(task, prefix.endsWith("-") ? prefix + count.incrementAndGet() : prefix);
			thread.setDaemon(true);
			return thread;
		};
	}

}
