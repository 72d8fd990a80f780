package dev.dcf.agent.instruction;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serialises work on one job: an instruction and the exit reports of its containers never
 * interleave, so a container that dies while its CREATE is still running is reported
 * after STARTED, and the exit of a container the agent itself removed is not reported at
 * all.
 *
 * <p>
 * Striped: jobs share a fixed set of locks (a collision only costs waiting). Callers
 * never hold two stripes, so striping cannot deadlock.
 */
public final class JobLocks {

	private static final int STRIPES = 64;

	private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

	public JobLocks() {
		for (int i = 0; i < STRIPES; i++) {
			this.locks[i] = new ReentrantLock();
		}
	}

	public <T> T withLock(String jobId, Supplier<T> work) {
		ReentrantLock lock = this.locks[Math.floorMod(jobId.hashCode(), STRIPES)];
		lock.lock();
		try {
			return work.get();
		}
		finally {
			lock.unlock();
		}
	}

	public void withLock(String jobId, Runnable work) {
		withLock(jobId, () -> {
			work.run();
			return null;
		});
	}

}
