package dev.dcf.handler.job;

import java.time.Instant;

/**
 * What the broker said about a job's topic, for the job page.
 *
 * @param exists whether the topic exists; the other fields are 0 or {@code null} if not
 * @param partitions how many partitions it has
 * @param endOffsetSum the sum of its partitions' end offsets (records written, including
 * deleted ones)
 * @param sizeBytes bytes its partitions take in the brokers' log directories, all
 * replicas; {@code null} if the brokers did not say
 * @param observedAt when the broker answered
 */
public record TopicFacts(boolean exists, int partitions, long endOffsetSum, Long sizeBytes, Instant observedAt) {

}
