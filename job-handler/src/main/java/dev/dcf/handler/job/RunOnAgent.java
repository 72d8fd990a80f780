package dev.dcf.handler.job;

/**
 * What a heartbeat needs to know of a job placed on its agent, read without loading the
 * job ({@link JobRepository#findRunsOnAgent}).
 *
 * @param jobId the job
 * @param state its state
 * @param runNumber its current run
 * @param containers how many containers the run has
 * @param statusSequence the sequence of its newest applied report, {@code null} if none
 */
public record RunOnAgent(String jobId, JobState state, int runNumber, int containers, Long statusSequence) {

}
