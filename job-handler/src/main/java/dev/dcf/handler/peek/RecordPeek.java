package dev.dcf.handler.peek;

import java.util.List;

import dev.dcf.handler.job.JobService;

import org.springframework.stereotype.Service;

/**
 * The peek feature's entry point: a bounded number of a topic's latest or first records,
 * decoded (see {@link PeekedBytes}). Reads never join a consumer group, so the job's
 * generators and the topic's consumers are never disturbed.
 */
@Service
public class RecordPeek {

	/** How many records a peek shows unless asked otherwise. */
	public static final int DEFAULT_LIMIT = 10;

	/** The most records one peek may ask for. */
	public static final int MAX_LIMIT = 100;

	private final TopicReader reader;

	private final JobService jobs;

	RecordPeek(TopicReader reader, JobService jobs) {
		this.reader = reader;
		this.jobs = jobs;
	}

	/**
	 * The newest records of a job's topic.
	 * @param jobId the job
	 * @param limit 1 to {@link #MAX_LIMIT}
	 * @return newest first
	 * @throws dev.dcf.handler.job.JobNotFoundException if there is no such job
	 * @throws PeekUnavailableException if the cluster did not answer in time
	 */
	public List<PeekedRecord> latestOfJob(String jobId, int limit) {
		checkLimit(limit);
		return this.reader.latest(this.jobs.get(jobId).getTopic(), limit);
	}

	/**
	 * The newest records of a topic.
	 * @param topic the topic
	 * @param limit 1 to {@link #MAX_LIMIT}
	 * @return newest first; empty if the topic does not exist (yet)
	 * @throws PeekUnavailableException if the cluster did not answer in time
	 */
	public List<PeekedRecord> latest(String topic, int limit) {
		checkLimit(limit);
		return this.reader.latest(topic, limit);
	}

	/**
	 * The first records still in a topic (e.g. what a generator wrote first).
	 * @param topic the topic
	 * @param limit 1 to {@link #MAX_LIMIT}
	 * @return oldest first; empty if the topic does not exist (yet)
	 * @throws PeekUnavailableException if the cluster did not answer in time
	 */
	public List<PeekedRecord> earliest(String topic, int limit) {
		checkLimit(limit);
		return this.reader.earliest(topic, limit);
	}

	/**
	 * @throws IllegalArgumentException if the limit is out of range
	 */
	private static void checkLimit(int limit) {
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new IllegalArgumentException("must be between 1 and " + MAX_LIMIT);
		}
	}

}
