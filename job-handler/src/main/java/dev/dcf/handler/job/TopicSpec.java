package dev.dcf.handler.job;

/**
 * What a job asks of its topic for the run about to start.
 *
 * @param topic the topic
 * @param partitions partitions it is created with
 * @param replicationFactor replication factor it is created with, {@code null} for the
 * broker's default
 * @param retentionHours {@code retention.ms} it is created with, in hours; {@code null}
 * for the broker's default
 * @param truncate whether its records are to be deleted before the run
 */
public record TopicSpec(String topic, int partitions, Integer replicationFactor, Integer retentionHours,
		boolean truncate) {

}
