package dev.dcf.handler.run;

import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobContainer;
import dev.dcf.handler.job.JobRepository;
import dev.dcf.handler.job.JobService;
import dev.dcf.handler.job.JobState;
import dev.dcf.handler.job.JobStateChanged;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps the {@link Run}s in step with the job's state changes, in the transaction of each
 * change: just before it commits, so that the job's other listeners (the records
 * produced, frozen when the run leaves RUNNING) have done their part. A change to
 * DEPLOYING (or any later state) of a run number not seen yet begins a run; COMPLETED or
 * FAILED ends it, and so does a newer run (a replacement after LOST, or a start again). A
 * job that is only SCHEDULED, or cancelled back to CREATED, has no run.
 */
@Component
class RunBookkeeping {

	private final RunRepository runs;

	private final JobRepository jobs;

	private final JobService jobService;

	RunBookkeeping(RunRepository runs, JobRepository jobs, JobService jobService) {
		this.runs = runs;
		this.jobs = jobs;
		this.jobService = jobService;
	}

	@TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
	void on(JobStateChanged changed) {
		if (changed.to() == JobState.CREATED || changed.to() == JobState.SCHEDULED) {
			return;
		}
		// the job being saved: served from the persistence context
		Job job = this.jobs.findById(changed.jobId()).orElse(null);
		if (job == null) {
			return;
		}
		for (Run older : this.runs.findByJobIdAndRunNumberLessThanAndEndedAtIsNull(job.getId(), changed.runNumber())) {
			finish(older, changed);
			this.runs.save(older);
		}
		boolean current = job.getRunNumber() == changed.runNumber();
		Run run = this.runs.findByJobIdAndRunNumber(job.getId(), changed.runNumber())
			.orElseGet(() -> this.runs.save(new Run(job.getId(), changed.runNumber(), job.getRunImage(), changed.to(),
					changed.reason(), changed.at())));
		run.changed(changed.to(), changed.reason(), current ? job.getAgentId() : null, changed.at());
		if (current && changed.from() == JobState.RUNNING) {
			run.recordsProduced(job.getRun().getRecordsProduced());
		}
		if (changed.to() == JobState.COMPLETED || changed.to() == JobState.FAILED) {
			finish(run, changed);
		}
		// a no-op inside the job's transaction; outside one (no transaction to join) it
		// stores the change
		this.runs.save(run);
	}

	private void finish(Run run, JobStateChanged changed) {
		for (JobContainer container : this.jobService.containers(run.getJobId(), run.getRunNumber())) {
			run.addAgent(container.getAgentId());
		}
		run.end(changed.at());
	}

}
