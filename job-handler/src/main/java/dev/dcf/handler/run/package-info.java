/**
 * Runs of jobs and their reports (docs/job-lifecycle.md, "Runs"): one
 * {@link dev.dcf.handler.run.Run} per run number, filled from the job's state changes in
 * the transaction of each change; {@link dev.dcf.handler.run.RunService} lists them,
 * builds reports (JSON or CSV) and repeats a run pinned to the image digest it ran.
 */
package dev.dcf.handler.run;
