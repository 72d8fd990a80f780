/**
 * Job files (issue 18): jobs written as YAML or JSON, identified by name (unique per
 * owner), applied as a whole over {@code POST /api/jobs/apply}: created when new, their
 * settings updated when changed, left alone when equal; all or none. Changes go through
 * the job feature's {@link dev.dcf.handler.job.JobService} and
 * {@link dev.dcf.handler.job.JobSettings}.
 */
package dev.dcf.handler.jobfile;
