package dev.dcf.handler.peek;

import java.util.List;

/**
 * Port to a topic's records (implemented in {@code messaging}). Reads without a consumer
 * group and commits nothing, so the topic's other readers and writers never notice; each
 * call is bounded in time.
 */
public interface TopicReader {

	/**
	 * The newest records of a topic.
	 * @param topic the topic
	 * @param limit at most this many records in all (of all partitions)
	 * @return newest first; empty for a topic that does not exist (yet)
	 * @throws PeekUnavailableException if the cluster did not answer in time
	 */
	List<PeekedRecord> latest(String topic, int limit);

	/**
	 * The oldest records still in a topic.
	 * @param topic the topic
	 * @param limit at most this many records in all (of all partitions)
	 * @return oldest first; empty for a topic that does not exist (yet)
	 * @throws PeekUnavailableException if the cluster did not answer in time
	 */
	List<PeekedRecord> earliest(String topic, int limit);

}
