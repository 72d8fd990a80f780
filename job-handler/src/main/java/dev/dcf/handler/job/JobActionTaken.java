package dev.dcf.handler.job;

import java.time.Instant;

/**
 * Event: a user acted on a job (created, started, stopped, deleted or cloned it).
 * Published inside the action's transaction, so whoever records it (the audit log)
 * commits with the action or not at all.
 *
 * @param action what was done: {@code create}, {@code start}, {@code stop},
 * {@code delete}, {@code clone} or {@code update}
 * @param jobId the job acted on (for a clone: the new job)
 * @param jobName its name
 * @param actor who did it
 * @param detail more, e.g. the state afterwards or the job cloned from
 * @param at when
 */
public record JobActionTaken(String action, String jobId, String jobName, String actor, String detail, Instant at) {
}
