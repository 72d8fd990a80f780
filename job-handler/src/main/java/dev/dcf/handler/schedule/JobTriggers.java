package dev.dcf.handler.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashSet;
import java.util.Set;
import java.util.TimeZone;

import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;

import org.springframework.scheduling.quartz.QuartzJobBean;
import org.springframework.stereotype.Component;

/**
 * The Quartz triggers of jobs: one start trigger and one stop trigger per job at most
 * (named by the job id, in groups {@value #START_GROUP} and {@value #STOP_GROUP}),
 * carrying the run they belong to. Scheduling again replaces the trigger. A trigger whose
 * time passed while no handler ran fires as soon as one runs again.
 * <p>
 * A job with an armed recurring schedule also has one cron trigger (group
 * {@value #CRON_GROUP}), in the job's zone, that belongs to no run. Its misfire rule is
 * {@code MISFIRE_INSTRUCTION_FIRE_ONCE_NOW}: firings missed while no handler ran (more
 * than {@code org.quartz.jobStore.misfireThreshold} late) fire once, now, never several
 * times; {@link CronFiring} skips a firing that a later, also overdue one follows.
 */
@Component
class JobTriggers {

	static final String START_GROUP = "dcf-start";

	static final String STOP_GROUP = "dcf-stop";

	static final String CRON_GROUP = "dcf-cron";

	static final String JOB_ID = "jobId";

	static final String RUN_NUMBER = "runNumber";

	private final Scheduler scheduler;

	JobTriggers(Scheduler scheduler) {
		this.scheduler = scheduler;
	}

	void scheduleStart(String jobId, int runNumber, Instant at) {
		schedule(StartAtTime.class, START_GROUP, jobId, runNumber, at);
	}

	void scheduleStop(String jobId, int runNumber, Instant at) {
		schedule(StopAfterDuration.class, STOP_GROUP, jobId, runNumber, at);
	}

	void cancelStart(String jobId) {
		cancel(START_GROUP, jobId);
	}

	void cancelStop(String jobId) {
		cancel(STOP_GROUP, jobId);
	}

	/**
	 * Arms a job's recurring schedule, replacing its cron trigger if it had one (the next
	 * firing then counts from now: none is made up for).
	 */
	void scheduleCron(String jobId, String cron, ZoneId zone) {
		JobDetail detail = JobBuilder.newJob(CronFiring.class)
			.withIdentity(jobId, CRON_GROUP)
			.usingJobData(JOB_ID, jobId)
			.requestRecovery(true)
			.build();
		Trigger trigger = TriggerBuilder.newTrigger()
			.withIdentity(jobId, CRON_GROUP)
			.forJob(detail)
			.withSchedule(CronScheduleBuilder.cronSchedule(cron)
				.inTimeZone(TimeZone.getTimeZone(zone))
				.withMisfireHandlingInstructionFireAndProceed())
			.build();
		try {
			this.scheduler.scheduleJob(detail, Set.of(trigger), true);
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException(
					"Cannot schedule " + CRON_GROUP + " of job " + jobId + ": " + ex.getMessage(), ex);
		}
	}

	void cancelCron(String jobId) {
		cancel(CRON_GROUP, jobId);
	}

	boolean hasCron(String jobId) {
		return exists(CRON_GROUP, jobId);
	}

	/** The ids of the jobs that have a cron trigger. */
	Set<String> jobsWithCron() {
		return jobsIn(CRON_GROUP);
	}

	boolean hasStart(String jobId) {
		return exists(START_GROUP, jobId);
	}

	boolean hasStop(String jobId) {
		return exists(STOP_GROUP, jobId);
	}

	/** The ids of the jobs that have a start trigger. */
	Set<String> jobsWithStart() {
		return jobsIn(START_GROUP);
	}

	/** The ids of the jobs that have a stop trigger. */
	Set<String> jobsWithStop() {
		return jobsIn(STOP_GROUP);
	}

	private Set<String> jobsIn(String group) {
		try {
			Set<String> ids = new HashSet<>();
			this.scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(group))
				.forEach((key) -> ids.add(key.getName()));
			return ids;
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException("Cannot read the triggers of " + group + ": " + ex.getMessage(), ex);
		}
	}

	private void schedule(Class<? extends QuartzJobBean> type, String group, String jobId, int runNumber, Instant at) {
		// with org.quartz.jobStore.useProperties the job data holds strings only
		JobDetail detail = JobBuilder.newJob(type)
			.withIdentity(jobId, group)
			.usingJobData(JOB_ID, jobId)
			.usingJobData(RUN_NUMBER, Integer.toString(runNumber))
			.requestRecovery(true)
			.build();
		Trigger trigger = TriggerBuilder.newTrigger()
			.withIdentity(jobId, group)
			.forJob(detail)
			.startAt(Date.from(at))
			.withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
			.build();
		try {
			this.scheduler.scheduleJob(detail, Set.of(trigger), true);
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException("Cannot schedule " + group + " of job " + jobId + ": " + ex.getMessage(),
					ex);
		}
	}

	private void cancel(String group, String jobId) {
		try {
			this.scheduler.deleteJob(JobKey.jobKey(jobId, group));
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException("Cannot cancel " + group + " of job " + jobId + ": " + ex.getMessage(), ex);
		}
	}

	private boolean exists(String group, String jobId) {
		try {
			return this.scheduler.checkExists(TriggerKey.triggerKey(jobId, group));
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException("Cannot read " + group + " of job " + jobId + ": " + ex.getMessage(), ex);
		}
	}

}
