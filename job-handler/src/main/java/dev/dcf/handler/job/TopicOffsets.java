package dev.dcf.handler.job;

import java.util.OptionalLong;

/**
 * Port to the data topics' offsets (implemented in {@code messaging}): how many records a
 * topic holds in all, so that the records a job produced can be counted.
 */
public interface TopicOffsets {

	/**
	 * The sum of the end (latest) offsets of all partitions of a topic.
	 * @param topic the topic
	 * @return the sum, 0 for a topic that does not exist (yet); empty if the cluster did
	 * not answer within a short timeout
	 */
	OptionalLong endOffsetSum(String topic);

}
