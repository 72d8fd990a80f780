package dev.dcf.handler.job;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The lifecycle of a job: the one place that owns the allowed transitions
 * ({@code docs/job-lifecycle.md}).
 *
 * <pre>
 *                start, startAt ahead
 *   new --> CREATED -------------------> SCHEDULED
 *            |   ^                           |
 *            |   +------- stop (cancel) -----+
 *            |                               | start time reached
 *            | start                         v
 *            +-----------------------> DEPLOYING ---- containers started ----> RUNNING
 *                                       |     |                                |   |
 *                                       |     +---- stop ---> STOPPING <- stop +   |
 *                                       |                        |                 |
 *                                       |                        | removed         | all exited 0
 *                                       |                        v                 |
 *                                       +-- stop, not placed -> COMPLETED <--------+
 *
 *   DEPLOYING, RUNNING, STOPPING --> FAILED  (no agent in time, create failed, exit code != 0)
 *   DEPLOYING, RUNNING, STOPPING --> LOST    (the agent stopped heartbeating)
 *   LOST --> RUNNING                          (the agent came back with the run's containers running)
 *   LOST --> DEPLOYING                        (policy replace: a new run on another agent)
 *   RUNNING --> DEPLOYING                     (moved off a draining agent: a new run on another agent)
 *   LOST --> COMPLETED, FAILED                (the agent reports it removed the run's containers itself:
 *                                              at their deadline, or fencing itself)
 *   COMPLETED, FAILED, LOST ------> SCHEDULED or DEPLOYING  (start again: a new run)
 * </pre>
 *
 * A repeated transition to the current state is a harmless no-op (like Kafka Streams'
 * {@code KafkaStreams.State}); any other transition that is not in the table is refused
 * with an {@link IllegalJobTransitionException} naming both states.
 */
public enum JobState {

	/** Stored, not running, no run pending. */
	CREATED,

	/** Started with a start time in the future; waits for its trigger. */
	SCHEDULED,

	/** Being placed on an agent, or the agent is creating its containers. */
	DEPLOYING,

	/** All containers of the current run started. */
	RUNNING,

	/** Removal of the containers was requested from the agent. */
	STOPPING,

	/** Stopped by the user or by its duration, or all containers exited with 0. */
	COMPLETED,

	/** No agent could take it, creating failed, or a container exited with an error. */
	FAILED,

	/**
	 * Its agent stopped heartbeating while the job was active. Undone (back to RUNNING)
	 * when the agent returns with the run's containers still running.
	 */
	LOST;

	private static final Map<JobState, Set<JobState>> NEXT;

	static {
		Map<JobState, Set<JobState>> next = new EnumMap<>(JobState.class);
		next.put(CREATED, EnumSet.of(SCHEDULED, DEPLOYING));
		next.put(SCHEDULED, EnumSet.of(CREATED, DEPLOYING));
		next.put(DEPLOYING, EnumSet.of(RUNNING, STOPPING, COMPLETED, FAILED, LOST));
		next.put(RUNNING, EnumSet.of(DEPLOYING, STOPPING, COMPLETED, FAILED, LOST));
		next.put(STOPPING, EnumSet.of(COMPLETED, FAILED, LOST));
		next.put(COMPLETED, EnumSet.of(SCHEDULED, DEPLOYING));
		next.put(FAILED, EnumSet.of(SCHEDULED, DEPLOYING));
		next.put(LOST, EnumSet.of(SCHEDULED, DEPLOYING, RUNNING, COMPLETED, FAILED));
		next.replaceAll((state, targets) -> Collections.unmodifiableSet(targets));
		NEXT = Collections.unmodifiableMap(next);
	}

	/**
	 * Whether the table allows a change from this state to {@code next}. A state is never
	 * a transition to itself: see {@link #requireTransitionTo(JobState)} for the no-op.
	 * @param next the wanted state
	 * @return {@code true} if the change is allowed
	 */
	public boolean canTransitionTo(JobState next) {
		return NEXT.get(this).contains(next);
	}

	/**
	 * Checks a wanted change.
	 * @param next the wanted state
	 * @return {@code true} if the state changes, {@code false} if {@code next} is this
	 * state (a repeated transition, nothing to do)
	 * @throws IllegalJobTransitionException if the table does not allow the change
	 */
	public boolean requireTransitionTo(JobState next) {
		if (next == this) {
			return false;
		}
		if (!canTransitionTo(next)) {
			throw new IllegalJobTransitionException(this, next);
		}
		return true;
	}

	/**
	 * The states this one may change to.
	 * @return an unmodifiable set, empty for none
	 */
	public Set<JobState> nextStates() {
		return NEXT.get(this);
	}

	/**
	 * Whether the job has (or is getting) containers on an agent: such a job cannot be
	 * deleted.
	 * @return {@code true} for DEPLOYING, RUNNING and STOPPING
	 */
	public boolean isActive() {
		return this == DEPLOYING || this == RUNNING || this == STOPPING;
	}

	/**
	 * Whether a run has ended: such a job can be started again as a new run.
	 * @return {@code true} for COMPLETED, FAILED and LOST
	 */
	public boolean isTerminal() {
		return this == COMPLETED || this == FAILED || this == LOST;
	}

}
