package dev.dcf.handler.dryrun;

import java.util.UUID;

/**
 * A dry run's id stands where a job id stands on the wire (the DRY_RUN instruction, the
 * container's job label, the agent's reports) and names its scratch topic. Its prefix
 * tells it from a job's id (a UUID), so that the handler never treats a dry run's
 * container as the leftover of a deleted job.
 */
public final class DryRunIds {

	static final String PREFIX = "dry-run-";

	private DryRunIds() {
	}

	static String next() {
		return PREFIX + UUID.randomUUID();
	}

	/**
	 * Whether an id on the wire is a dry run's.
	 * @param jobId the id where a job's would be
	 * @return {@code true} for a dry run's
	 */
	public static boolean isDryRun(String jobId) {
		return jobId != null && jobId.startsWith(PREFIX);
	}

	/** The scratch topic of a dry run. */
	static String topic(String dryRunId) {
		return "dcf-" + dryRunId;
	}

}
