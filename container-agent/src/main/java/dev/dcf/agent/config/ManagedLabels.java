package dev.dcf.agent.config;

/**
 * Labels every container the agent starts carries (DESIGN §6). They are how the agent
 * finds its containers again after a restart, so their names never change.
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

	private ManagedLabels() {
	}

	/** Deterministic container name: a repeated CREATE finds its containers by it. */
	public static String containerName(String jobId, int index) {
		return "dcf-" + jobId + "-" + index;
	}

}
