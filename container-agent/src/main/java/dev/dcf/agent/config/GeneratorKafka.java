package dev.dcf.agent.config;

/**
 * How generator containers reach Kafka. May differ from the agent's own address (a
 * container on a compose network sees {@code kafka:9092}, the agent {@code localhost}).
 *
 * @param bootstrapServers given to containers as {@code KAFKA_BOOTSTRAP_SERVERS}
 */
public record GeneratorKafka(String bootstrapServers) {

}
