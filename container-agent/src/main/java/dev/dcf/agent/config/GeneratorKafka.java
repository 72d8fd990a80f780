package dev.dcf.agent.config;

/**
 * How generator containers reach Kafka. May differ from the agent's own address (a
 * container on a compose network sees {@code kafka:9092}, the agent {@code localhost}).
 *
 * @param bootstrapServers given to containers as {@code KAFKA_BOOTSTRAP_SERVERS}
 * @param schemaRegistryUrl given to containers as {@code SCHEMA_REGISTRY_URL} (a job's
 * own env wins), {@code null} for none
 */
public record GeneratorKafka(String bootstrapServers, String schemaRegistryUrl) {

	public GeneratorKafka(String bootstrapServers) {
		this(bootstrapServers, null);
	}

}
