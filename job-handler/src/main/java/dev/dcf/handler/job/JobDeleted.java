package dev.dcf.handler.job;

import java.time.Instant;

/**
 * Event: a job was deleted (it was not active). Schedules and live views drop it.
 *
 * @param jobId the job
 * @param deletedBy the user who deleted it
 * @param at when
 */
public record JobDeleted(String jobId, String deletedBy, Instant at) {
}
