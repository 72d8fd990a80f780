package dev.dcf.agent.instruction;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.dcf.agent.concurrent.DaemonThreads;

/**
 * Carries out a list of instructions (one poll's) as fast as their order allows:
 * consecutive CREATEs of different jobs run side by side (the first on the caller's
 * thread), so one's checks and container creation overlap the daemon starting another's
 * containers; any other instruction (a DELETE, a second instruction of a job already
 * running, a dry run) runs alone after everything before it and before everything after
 * it. So per job the order is the wire's, and a DELETE still frees its capacity before
 * the CREATEs after it check theirs.
 *
 * <p>
 * Returns when every instruction ran, or throws {@link InstructionFailedException} for
 * the first (in list order) that failed: everything before it has run. An {@link Error}
 * is rethrown as it is, after the instructions running beside it have ended.
 */
final class SideBySide implements AutoCloseable {

	private static final Duration IDLE_THREAD = Duration.ofSeconds(30);

	private final int width;

	private final ThreadPoolExecutor helpers;

	/**
	 * @param width most instructions running at once (1: one after the other, no threads
	 * of its own)
	 */
	SideBySide(int width) {
		if (width < 1) {
			throw new IllegalArgumentException("width must be at least 1, was " + width);
		}
		this.width = width;
		// the caller's thread runs one of each group: width - 1 helpers, gone when idle
		int helpers = Math.max(1, width - 1);
		this.helpers = new ThreadPoolExecutor(helpers, helpers, IDLE_THREAD.toMillis(), TimeUnit.MILLISECONDS,
				new LinkedBlockingQueue<>(), DaemonThreads.named("dcf-instruction-"));
		this.helpers.allowCoreThreadTimeOut(true);
	}

	void run(List<Instruction> instructions, Consumer<Instruction> handle) {
		int start = 0;
		while (start < instructions.size()) {
			int end = groupEnd(instructions, start);
			if (end - start == 1) {
				runAlone(start, instructions.get(start), handle);
			}
			else {
				runTogether(instructions, start, end, handle);
			}
			start = end;
		}
	}

	/** End (exclusive) of the group that starts at {@code start}. */
	private int groupEnd(List<Instruction> instructions, int start) {
		if (!overlaps(instructions.get(start))) {
			return start + 1;
		}
		Set<String> jobs = new HashSet<>();
		int end = start;
		while (end < instructions.size() && end - start < this.width && overlaps(instructions.get(end))
				&& jobs.add(instructions.get(end).jobId())) {
			end++;
		}
		return end;
	}

	private static boolean overlaps(Instruction instruction) {
		return instruction.operation() == Instruction.Operation.CREATE;
	}

	private static void runAlone(int position, Instruction instruction, Consumer<Instruction> handle) {
		try {
			handle.accept(instruction);
		}
		catch (RuntimeException ex) {
			throw new InstructionFailedException(position, ex);
		}
	}

	private void runTogether(List<Instruction> instructions, int start, int end, Consumer<Instruction> handle) {
		List<CompletableFuture<Void>> others = new ArrayList<>();
		for (int position = start + 1; position < end; position++) {
			Instruction instruction = instructions.get(position);
			others.add(CompletableFuture.runAsync(() -> handle.accept(instruction), this.helpers));
		}
		Throwable first = null;
		int failedAt = -1;
		try {
			handle.accept(instructions.get(start));
		}
		catch (RuntimeException | Error ex) {
			first = ex;
			failedAt = start;
		}
		Error error = (first instanceof Error thrown) ? thrown : null;
		for (int i = 0; i < others.size(); i++) {
			Throwable failure = outcome(others.get(i));
			if (failure instanceof Error thrown && error == null) {
				error = thrown;
			}
			if (failure != null && first == null) {
				first = failure;
				failedAt = start + 1 + i;
			}
		}
		if (error != null) {
			throw error;
		}
		if (first != null) {
			throw new InstructionFailedException(failedAt, first);
		}
	}

	/**
	 * Waits for the instruction: null if it ran, else what it threw. Interrupted, it
	 * counts as failed (so it is delivered again, never committed while it may still
	 * run).
	 */
	private static Throwable outcome(CompletableFuture<Void> running) {
		try {
			running.get();
			return null;
		}
		catch (ExecutionException ex) {
			return ex.getCause();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new IllegalStateException("interrupted while waiting for an instruction running beside", ex);
		}
	}

	@Override
	public void close() {
		this.helpers.shutdownNow();
	}

}
