package dev.dcf.handler.job;

import java.time.Instant;

/**
 * A job's schedule was armed (started, resumed) or disarmed (paused): published when the
 * job is saved, in its transaction, so that the trigger changes with it.
 *
 * @param jobId the job
 * @param armed whether firings now start runs
 * @param at when
 */
public record ScheduleArmed(String jobId, boolean armed, Instant at) {
}
