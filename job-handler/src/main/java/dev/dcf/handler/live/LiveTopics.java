package dev.dcf.handler.live;

/**
 * The destinations browsers may subscribe to.
 */
final class LiveTopics {

	/** Every change of every job. */
	static final String JOBS = "/topic/jobs";

	/** Every change of every agent (each applied heartbeat, and LOST). */
	static final String AGENTS = "/topic/agents";

	/** The latest rate of every running job, after each sampling round. */
	static final String THROUGHPUT = "/topic/throughput";

	private LiveTopics() {
	}

	/**
	 * The topic of one job.
	 * @param jobId the job
	 * @return {@code /topic/jobs/{jobId}}
	 */
	static String job(String jobId) {
		return JOBS + "/" + jobId;
	}

	/**
	 * The container stats of one job: a message whenever a heartbeat replaced them.
	 * @param jobId the job
	 * @return {@code /topic/stats/{jobId}}
	 */
	static String stats(String jobId) {
		return "/topic/stats/" + jobId;
	}

	/**
	 * The throughput points of one job.
	 * @param jobId the job
	 * @return {@code /topic/throughput/{jobId}}
	 */
	static String throughput(String jobId) {
		return THROUGHPUT + "/" + jobId;
	}

}
