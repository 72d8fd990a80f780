/**
 * The audit log (docs/usage.md, "Audit log"): who did what and when — jobs created,
 * started, stopped, deleted and cloned, agents drained and undrained, failed logins. It
 * owns its table, names targets by id and name (no foreign key, so a job's history
 * outlives the job) and is filled from the events the other features publish.
 */
package dev.dcf.handler.audit;
