package dev.dcf.agent.config;

import java.util.List;

import dev.dcf.schemes.registry.RegistryClientConfig;

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

	/**
	 * What containers get: the generator settings where set, else the agent's own
	 * addresses, its registry without its login (a run gets credentials of its own).
	 * @param generatorServers {@code dcf.agent.generator-bootstrap-servers}, may be blank
	 * @param agentServers the agent's bootstrap servers
	 * @param generatorRegistry {@code dcf.agent.generator-schema-registry-url}, may be
	 * blank
	 * @param agentRegistry {@code dcf.schema-registry.url}, may be blank
	 */
	static GeneratorKafka resolve(String generatorServers, List<String> agentServers, String generatorRegistry,
			String agentRegistry) {
		String servers = (generatorServers != null && !generatorServers.isBlank()) ? generatorServers
				: String.join(",", agentServers);
		String registry = generatorRegistry;
		if ((registry == null || registry.isBlank()) && agentRegistry != null && !agentRegistry.isBlank()) {
			registry = RegistryClientConfig.of(agentRegistry).baseUrl();
		}
		return new GeneratorKafka(servers, (registry != null && !registry.isBlank()) ? registry : null);
	}

}
