package dev.dcf.handler.logs;

import java.time.Instant;

/**
 * The end of a container's output as an exit report brought it.
 *
 * @param jobId the job
 * @param runNumber the run the container belonged to
 * @param index the container's index in the run
 * @param exitCode its exit code, {@code null} if unknown
 * @param output the last lines, separated by {@code \n}
 * @param capturedAt when the agent read them (the report's time)
 */
public record ExitOutput(String jobId, int runNumber, int index, Integer exitCode, String output, Instant capturedAt) {

}
