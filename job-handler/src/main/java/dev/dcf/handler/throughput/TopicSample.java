package dev.dcf.handler.throughput;

/**
 * One topic as the broker showed it in one sampling round.
 *
 * @param records the sum of the end offsets of all its partitions (0 for a topic that
 * does not exist yet)
 * @param bytes the size of its logs on the brokers (largest replica of each partition),
 * {@code null} if the brokers did not tell
 */
public record TopicSample(long records, Long bytes) {
}
