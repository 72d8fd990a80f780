package dev.dcf.handler.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import dev.dcf.handler.job.Actor;
import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobState;

/**
 * A job as the list and the detail page show it: the job, how far its run is, and what
 * the current user may do with it. Elapsed time counts from {@code startedAt} (when the
 * run became RUNNING) to {@code finishedAt} or now; the page keeps it ticking.
 *
 * @param job the job
 * @param elapsedSeconds seconds the current run has been running, {@code null} if it
 * never ran
 * @param progressPercent elapsed against the duration, 0 to 100
 * @param running whether the elapsed time still grows
 * @param mayControl whether the user is the owner or an administrator
 */
public record JobRow(Job job, Long elapsedSeconds, int progressPercent, boolean running, boolean mayControl) {

	private static final Set<JobState> STARTABLE = Set.of(JobState.CREATED, JobState.COMPLETED, JobState.FAILED,
			JobState.LOST);

	private static final Set<JobState> STOPPABLE = Set.of(JobState.SCHEDULED, JobState.DEPLOYING, JobState.RUNNING);

	static JobRow of(Job job, Actor actor, Instant now) {
		Instant started = job.getRun().getStartedAt();
		Long elapsed = null;
		boolean running = false;
		if (started != null) {
			Instant end = (job.getRun().getFinishedAt() != null) ? job.getRun().getFinishedAt() : now;
			running = job.getRun().getFinishedAt() == null && job.getState().isActive();
			elapsed = Math.max(0, Duration.between(started, end).toSeconds());
		}
		int progress = 0;
		if (elapsed != null && job.getDurationSeconds() > 0) {
			progress = (int) Math.min(100, elapsed * 100 / job.getDurationSeconds());
		}
		return new JobRow(job, elapsed, progress, running, actor.mayControl(job));
	}

	public boolean canStart() {
		return this.mayControl && STARTABLE.contains(this.job.getState());
	}

	public boolean canStop() {
		return this.mayControl && STOPPABLE.contains(this.job.getState());
	}

	public boolean canDelete() {
		return this.mayControl && !this.job.getState().isActive();
	}

	/**
	 * The Bootstrap colour of the state badge.
	 * @return e.g. {@code success} for RUNNING
	 */
	public String stateColor() {
		return Badges.jobState(this.job.getState());
	}

	/**
	 * When the current run started, for the page's clock.
	 * @return epoch milliseconds, or {@code null}
	 */
	public Long startedAtMillis() {
		return (this.job.getRun().getStartedAt() != null) ? this.job.getRun().getStartedAt().toEpochMilli() : null;
	}

	/**
	 * When the current run ended.
	 * @return epoch milliseconds, or {@code null}
	 */
	public Long finishedAtMillis() {
		return (this.job.getRun().getFinishedAt() != null) ? this.job.getRun().getFinishedAt().toEpochMilli() : null;
	}

}
