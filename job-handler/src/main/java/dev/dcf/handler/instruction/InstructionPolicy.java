package dev.dcf.handler.instruction;

import java.util.Optional;

import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobAssigned;
import dev.dcf.handler.job.JobRepository;
import dev.dcf.handler.job.JobRunMoved;
import dev.dcf.handler.job.JobState;
import dev.dcf.handler.job.JobStateChanged;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Which job changes need an instruction: a placement needs a CREATE; a job that is asked
 * to stop, or that ends while it has (or may have) containers on an agent, needs a DELETE
 * there. Listens inside the transaction of the change (domain events are published when
 * the job is saved), so the instruction is queued atomically with it.
 */
@Component
class InstructionPolicy {

	private final InstructionOutbox outbox;

	private final JobRepository jobs;

	InstructionPolicy(InstructionOutbox outbox, JobRepository jobs) {
		this.outbox = outbox;
		this.jobs = jobs;
	}

	@EventListener
	void on(JobAssigned assigned) {
		this.outbox.create(assigned.jobId(), assigned.runNumber(), assigned.agentId(), assigned.at());
	}

	/** A run moved off a draining agent: its containers there go. */
	@EventListener
	void on(JobRunMoved moved) {
		this.outbox.delete(moved.jobId(), moved.oldRun(), moved.oldAgent(), moved.reason(), moved.at());
	}

	@EventListener
	void on(JobStateChanged changed) {
		if (!needsDelete(changed.from(), changed.to())) {
			return;
		}
		// the job being saved: served from the persistence context, no query
		Optional<Job> job = this.jobs.findById(changed.jobId());
		job.filter((found) -> found.getAgentId() != null)
			.ifPresent((found) -> this.outbox.delete(found.getId(), changed.runNumber(), found.getAgentId(),
					"job " + changed.to() + ": " + changed.reason(), changed.at()));
	}

	/**
	 * Whether a change calls for removing the job's containers: asked to stop, or ended
	 * while deploying or running (failed, or all containers exited). A job that ends from
	 * STOPPING has had its DELETE already. A LOST job gets none: its agent may only be
	 * unheard, and when it returns its heartbeat decides (resume the run if its
	 * containers still run, otherwise remove them).
	 * @param from the state before
	 * @param to the state after
	 * @return {@code true} if a DELETE is needed (when the job has an agent)
	 */
	static boolean needsDelete(JobState from, JobState to) {
		if (to == JobState.STOPPING) {
			return true;
		}
		return (from == JobState.DEPLOYING || from == JobState.RUNNING) && to.isTerminal() && to != JobState.LOST;
	}

}
