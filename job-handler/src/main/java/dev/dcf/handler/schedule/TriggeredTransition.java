package dev.dcf.handler.schedule;

import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * Base of the two Quartz jobs: reads the job id and run from the trigger's data and calls
 * the service. A conflict with a concurrent change of the job (a user's stop at the same
 * moment) fires again at once, so the transition is decided on the fresh state.
 */
abstract class TriggeredTransition extends QuartzJobBean {

	@Override
	protected void executeInternal(JobExecutionContext context) throws JobExecutionException {
		JobDataMap data = context.getMergedJobDataMap();
		String jobId = data.getString(JobTriggers.JOB_ID);
		int runNumber = Integer.parseInt(data.getString(JobTriggers.RUN_NUMBER));
		try {
			transition(jobId, runNumber);
		}
		catch (OptimisticLockingFailureException ex) {
			throw new JobExecutionException(ex, context.getRefireCount() < 5);
		}
	}

	abstract void transition(String jobId, int runNumber);

}
