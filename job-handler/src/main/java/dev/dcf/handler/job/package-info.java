/**
 * Jobs: the {@link dev.dcf.handler.job.Job} aggregate, its lifecycle
 * ({@link dev.dcf.handler.job.JobState}), its containers and the transactional
 * {@link dev.dcf.handler.job.JobService} every entry point (REST, GUI, schedules, status
 * listeners) goes through.
 */
package dev.dcf.handler.job;
