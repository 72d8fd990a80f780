package dev.dcf.agent.config;

import java.util.Map;

/**
 * Labels every container the agent starts carries (docs/architecture.md). They are how
 * the agent finds its containers again after a restart, so their names never change.
 */
public final class ManagedLabels {

	/** Always {@code true}: the container is DCF's. */
	public static final String MANAGED = "dcf.managed";

	/** Job the container belongs to. */
	public static final String JOB_ID = "dcf.job-id";

	/** Agent that started it. */
	public static final String AGENT_ID = "dcf.agent-id";

	/** 0-based index within the job. */
	public static final String CONTAINER_INDEX = "dcf.container-index";

	/** Run number of the job that started it. */
	public static final String RUN = "dcf.run";

	/**
	 * When the agent stops and removes the container by itself, ISO-8601 instant: run
	 * start + the job's duration + {@code dcf.agent.deadline-grace}. Absent = never.
	 */
	public static final String DEADLINE = "dcf.deadline";

	/**
	 * Absolute path of the id file of the agent that started it: an agent that lost its
	 * id file recognises its own containers by it and takes their agent id back.
	 */
	public static final String AGENT_ID_FILE = "dcf.agent-id-file";

	/**
	 * {@code true} on the one container of a dry run (docs/usage.md, "Try a job before
	 * you submit it"): its job id is the dry run's id, not a job's; it is never reported
	 * as a job's container exit, and carries a deadline so that it is removed even if the
	 * agent dies during the try.
	 */
	public static final String DRY_RUN = "dcf.dry-run";

	private ManagedLabels() {
	}

	/** Whether a container with these labels is the one of a dry run. */
	public static boolean isDryRun(Map<String, String> labels) {
		return "true".equals(labels.get(DRY_RUN));
	}

	/** Deterministic container name: a repeated CREATE finds its containers by it. */
	public static String containerName(String jobId, int index) {
		return "dcf-" + jobId + "-" + index;
	}

}
