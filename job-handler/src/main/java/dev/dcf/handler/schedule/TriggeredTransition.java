package dev.dcf.handler.schedule;

import java.sql.SQLException;
import java.time.Duration;

import jakarta.persistence.PersistenceException;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobPersistenceException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.scheduling.quartz.QuartzJobBean;
import org.springframework.transaction.TransactionException;

/**
 * Base of the two Quartz jobs: reads the job id and run from the trigger's data and calls
 * the service.
 * <p>
 * A database error (the database down, a timeout, a conflict with a concurrent change of
 * the job) fires the transition again on the same Quartz thread after a pause growing
 * from {@link #FIRST_PAUSE} to {@link #MAX_PAUSE} (a conflict at once for the first
 * {@value #IMMEDIATE_CONFLICT_REFIRES} times), until it succeeds: Quartz would otherwise
 * consider a trigger that threw done and delete it. Refiring needs no database (Quartz's
 * own store is down too when ours is), and the trigger's fired record, written before the
 * job ran and asking for recovery, makes the next handler run it again if this one dies
 * meanwhile. The transitions are idempotent: a refire after a commit whose answer was
 * lost does nothing.
 * <p>
 * Anything else (a bug, an {@link Error}) is left to Quartz, which logs it and deletes
 * the trigger; {@link TriggerRepair} gives the job a new one within
 * {@code dcf.handler.trigger-repair-interval}, so such a failure is retried at that pace
 * without holding one of Quartz's few threads.
 */
abstract class TriggeredTransition extends QuartzJobBean {

	private static final Logger log = LoggerFactory.getLogger(TriggeredTransition.class);

	static final Duration FIRST_PAUSE = Duration.ofSeconds(1);

	static final Duration MAX_PAUSE = Duration.ofSeconds(30);

	static final int IMMEDIATE_CONFLICT_REFIRES = 5;

	/** How often a pause looks whether Quartz is stopping. */
	private static final Duration PAUSE_SLICE = Duration.ofMillis(200);

	@Override
	protected void executeInternal(JobExecutionContext context) throws JobExecutionException {
		JobDataMap data = context.getMergedJobDataMap();
		String jobId = data.getString(JobTriggers.JOB_ID);
		// a cron trigger belongs to no run
		String run = data.getString(JobTriggers.RUN_NUMBER);
		int runNumber = (run != null) ? Integer.parseInt(run) : 0;
		try {
			transition(context, jobId, runNumber);
		}
		catch (RuntimeException ex) {
			if (!isDatabaseError(ex)) {
				throw ex;
			}
			int refires = context.getRefireCount();
			Duration pause = pause(ex, refires);
			log.warn("{} of job {} run {} failed on a database error (attempt {}), trying again in {}: {}",
					getClass().getSimpleName(), jobId, runNumber, refires + 1, pause, ex.toString());
			if (!pauseFor(pause, context.getScheduler())) {
				// stopping: Quartz deletes the trigger (or, database down,
				// keeps its fired record for recovery); the job is still in
				// its state, so TriggerRepair gives it a trigger again
				throw new JobExecutionException("Shutting down while " + jobId + " waited for the database", ex, false);
			}
			throw new JobExecutionException(ex, true);
		}
	}

	abstract void transition(String jobId, int runNumber);

	/**
	 * The transition with the firing's context (its due time); by default
	 * {@link #transition(String, int)}.
	 */
	void transition(JobExecutionContext context, String jobId, int runNumber) {
		transition(jobId, runNumber);
	}

	static Duration pause(RuntimeException ex, int refires) {
		if (ex instanceof OptimisticLockingFailureException && refires < IMMEDIATE_CONFLICT_REFIRES) {
			// decided again at once on the fresh state (a user's stop at the same moment)
			return Duration.ZERO;
		}
		long factor = 1L << Math.min(refires, 10);
		Duration pause = FIRST_PAUSE.multipliedBy(factor);
		return (pause.compareTo(MAX_PAUSE) > 0) ? MAX_PAUSE : pause;
	}

	/**
	 * Whether a failure comes from the database: Spring's and JPA's translations, a
	 * transaction that could not begin or commit, a JDBC error, or Quartz's store (whose
	 * triggers are written in the same transaction).
	 * @param ex the failure
	 * @return whether it or one of its causes is a database error
	 */
	static boolean isDatabaseError(Throwable ex) {
		int depth = 0;
		for (Throwable cause = ex; cause != null && depth < 20; cause = cause.getCause(), depth++) {
			if (cause instanceof DataAccessException || cause instanceof TransactionException
					|| cause instanceof SQLException || cause instanceof PersistenceException
					|| cause instanceof JobPersistenceException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Waits, unless Quartz is stopping: Spring puts it in standby first, and so does its
	 * own shutdown, which then waits for a free thread before it interrupts any job (so
	 * {@code InterruptableJob} would come too late).
	 * @return {@code false} if Quartz stops meanwhile
	 */
	private static boolean pauseFor(Duration pause, Scheduler scheduler) {
		long end = System.nanoTime() + pause.toNanos();
		try {
			while (!stopping(scheduler)) {
				long left = end - System.nanoTime();
				if (left <= 0) {
					return true;
				}
				Thread.sleep(Math.max(1, Math.min(left, PAUSE_SLICE.toNanos()) / 1_000_000));
			}
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static boolean stopping(Scheduler scheduler) {
		try {
			return scheduler.isInStandbyMode() || scheduler.isShutdown();
		}
		catch (SchedulerException ex) {
			return true;
		}
	}

}
