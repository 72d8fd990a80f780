/**
 * Schedules with Quartz (JDBC job store in the handler's database, clustered): a job's
 * start at its {@code startAt}, and its stop once {@code durationSeconds} have passed
 * since it became RUNNING. Triggers are written in the transaction of the job change, so
 * they survive restarts exactly when the change does. A transition that fails on a
 * database error fires again (with a pause) until it succeeds, and {@code TriggerRepair}
 * periodically gives SCHEDULED and RUNNING jobs that lack their trigger one.
 */
package dev.dcf.handler.schedule;
