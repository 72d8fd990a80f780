package dev.dcf.agent.instruction;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

import dev.dcf.agent.report.JobReport;

/**
 * The restart budget of one container of a run (index): at most {@code attempts} restarts
 * within the last {@code interval}, waiting delay × 2^(n−1) (at most maxDelay) before the
 * n-th of the window; a restart that would start at or after the run's deadline does not
 * happen. Pure, time passed in; not thread-safe (callers hold the job's lock).
 */
final class RestartBudget {

	private final Instruction.Restart policy;

	/** When the restarts of the window were decided, oldest first. */
	private final Deque<Instant> restarts = new ArrayDeque<>();

	RestartBudget(Instruction.Restart policy) {
		this.policy = policy;
	}

	/**
	 * Decides on an exit and, if it is restarted, counts the restart.
	 * @param now when the container exited (seen)
	 * @param deadline the run's deadline, null = none
	 * @return the restart, or empty if the budget is spent or the deadline comes first
	 */
	Optional<JobReport.Restart> next(Instant now, Instant deadline) {
		Instant windowStart = now.minus(this.policy.interval());
		while (!this.restarts.isEmpty() && !this.restarts.peekFirst().isAfter(windowStart)) {
			this.restarts.removeFirst();
		}
		if (this.restarts.size() >= this.policy.attempts()) {
			return Optional.empty();
		}
		int attempt = this.restarts.size() + 1;
		JobReport.Restart restart = new JobReport.Restart(attempt, this.policy.attempts(),
				this.policy.delayBefore(attempt));
		if (deadline != null && !now.plus(restart.delay()).isBefore(deadline)) {
			return Optional.empty();
		}
		this.restarts.addLast(now);
		return Optional.of(restart);
	}

	/** Why {@link #next} said no, for the report (call right after it). */
	String whyNot(Instant now, Instant deadline) {
		if (this.restarts.size() >= this.policy.attempts()) {
			return "no restart left: " + this.policy.attempts() + " of " + this.policy.attempts() + " within "
					+ this.policy.interval().toSeconds() + " s used";
		}
		return "no restart: the run's deadline " + deadline + " comes first";
	}

}
