package dev.dcf.handler.agent;

import java.time.Instant;

import dev.dcf.handler.job.ContainerState;

/**
 * A container an agent reports it manages (domain twin of the wire record).
 *
 * @param jobId the job it belongs to
 * @param runNumber the run that started it
 * @param index its 0-based index within the job
 * @param containerId Docker's id
 * @param name its name
 * @param state what Docker says
 * @param exitCode the exit code once exited, else {@code null}
 * @param startedAt when it started, if known
 * @param finishedAt when it ended, if known
 * @param imageDigest the image it was created from (repo digest or image id),
 * {@code null} if the agent did not say
 * @param stats its newest resource sample, {@code null} if none (not running, no sample
 * yet, an older agent)
 */
public record ReportedContainer(String jobId, int runNumber, int index, String containerId, String name,
		ContainerState state, Integer exitCode, Instant startedAt, Instant finishedAt, String imageDigest,
		ContainerStats stats) {

	/** Without stats. */
	public ReportedContainer(String jobId, int runNumber, int index, String containerId, String name,
			ContainerState state, Integer exitCode, Instant startedAt, Instant finishedAt, String imageDigest) {
		this(jobId, runNumber, index, containerId, name, state, exitCode, startedAt, finishedAt, imageDigest, null);
	}

	/** Without an image digest (reports that do not know it). */
	public ReportedContainer(String jobId, int runNumber, int index, String containerId, String name,
			ContainerState state, Integer exitCode, Instant startedAt, Instant finishedAt) {
		this(jobId, runNumber, index, containerId, name, state, exitCode, startedAt, finishedAt, null);
	}

}
