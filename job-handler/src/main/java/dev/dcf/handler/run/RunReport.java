package dev.dcf.handler.run;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.dcf.handler.job.ContainerState;
import dev.dcf.handler.job.JobState;

/**
 * What a run did, for people and spreadsheets (docs/usage.md, "Runs and their reports").
 *
 * @param jobId the job
 * @param jobName its name
 * @param runNumber the run
 * @param current whether it is the job's current run
 * @param agents the agents its containers were on
 * @param startedAt when it began (the job deployed it)
 * @param runningAt when all its containers first ran, {@code null} if never
 * @param endedAt when it ended, {@code null} while it goes on
 * @param state the job's last state in this run (COMPLETED, FAILED, LOST, or the present
 * one)
 * @param endReason why it ended; while it goes on, the latest reason
 * @param image the image it was started with (the job's, or a pinned digest)
 * @param imageDigest the image its agent actually ran (repo digest, else image id),
 * {@code null} if no agent said
 * @param env the environment, secret values masked
 * @param seed the {@code SEED} variable if one was set, else {@code null}
 * @param containers its containers with exit codes
 * @param records records produced (as on the job page), {@code null} if unknown
 * @param bytes bytes produced, {@code null} if not measured
 * @param runSeconds seconds from RUNNING to its end (or now), {@code null} if never
 * RUNNING
 * @param averageRecordsPerSecond records per run second, {@code null} if unknown
 * @param peakRecordsPerSecond highest rate measured, {@code null} if not measured
 */
public record RunReport(String jobId, String jobName, int runNumber, boolean current, List<String> agents,
		Instant startedAt, Instant runningAt, Instant endedAt, JobState state, String endReason, String image,
		String imageDigest, Map<String, String> env, String seed, List<Container> containers, Long records, Long bytes,
		Long runSeconds, Double averageRecordsPerSecond, Double peakRecordsPerSecond) {

	/** The environment variable that carries a generator's seed. */
	public static final String SEED = "SEED";

	/**
	 * The first 12 hex digits of the digest, for a narrow column.
	 * @return e.g. {@code 3f2a9c1b7d4e}, or {@code null}
	 */
	public String shortDigest() {
		if (this.imageDigest == null) {
			return null;
		}
		int colon = this.imageDigest.lastIndexOf(':');
		String hex = this.imageDigest.substring(colon + 1);
		return (hex.length() > 12) ? hex.substring(0, 12) : hex;
	}

	/**
	 * One container of the run.
	 *
	 * @param index its index within the job
	 * @param containerId Docker's id
	 * @param name its name
	 * @param agentId the agent it ran on
	 * @param state its last reported state
	 * @param exitCode its exit code, {@code null} if it did not exit (or it is unknown)
	 * @param startedAt when it started
	 * @param finishedAt when it ended
	 * @param imageDigest the image it ran
	 */
	public record Container(int index, String containerId, String name, String agentId, ContainerState state,
			Integer exitCode, Instant startedAt, Instant finishedAt, String imageDigest) {
	}

}
