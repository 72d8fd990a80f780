package dev.dcf.agent.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dcf.agent.runtime.ContainerRuntime;
import dev.dcf.agent.runtime.docker.DockerContainerRuntime;
import dev.dcf.agent.runtime.docker.DockerRuntimeSettings;
import dev.dcf.agent.runtime.hollow.HollowContainerRuntime;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.env.Environment;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Agent-wide beans: the clock, who the agent is, its container runtime (Docker, or hollow
 * for scale tests), and where generators find Kafka.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AgentProperties.class)
class AgentConfiguration {

	private static final Logger log = LoggerFactory.getLogger(AgentConfiguration.class);

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	AgentIdentity agentIdentity(AgentProperties properties, ContainerRuntime runtime,
			ObjectProvider<BuildProperties> build) {
		String id = (properties.id() != null) ? properties.id()
				: new AgentIdFile(properties.idFile(), new AgentIdRecovery(runtime, properties.idFilePath()))
					.readOrCreate();
		BuildProperties info = build.getIfAvailable();
		String version = (info != null && info.getVersion() != null) ? info.getVersion() : "dev";
		AgentIdentity identity = new AgentIdentity(id, hostname(), version, properties.labels());
		log.info("Agent {} (version {}) on {} with labels {}", identity.id(), identity.version(), identity.hostname(),
				identity.labels());
		return identity;
	}

	/** The Docker adapter; closed with the context (containers keep running). */
	/**
	 * Beside the id file when the id comes from it; only in memory when the id is
	 * configured (then a restart brings a new key, published with the next heartbeat).
	 */
	@Bean
	AgentKeys agentKeys(AgentProperties properties) {
		if (properties.id() != null) {
			return AgentKeys.ephemeral();
		}
		return AgentKeys.readOrCreate(properties.idFile().resolveSibling("agent-key"));
	}

	@Bean
	@ConditionalOnProperty(name = "dcf.agent.runtime", havingValue = "docker", matchIfMissing = true)
	DockerContainerRuntime containerRuntime(AgentProperties properties) {
		return new DockerContainerRuntime(new DockerRuntimeSettings(URI.create(properties.dockerHost()), null,
				properties.dockerTimeout(), properties.pullTimeout(), properties.stopTimeout(), null));
	}

	/**
	 * Containers simulated in memory, for scale tests and benchmarks only
	 * ({@code dcf.agent.runtime=hollow}).
	 */
	@Bean
	@ConditionalOnProperty(name = "dcf.agent.runtime", havingValue = "hollow")
	HollowContainerRuntime hollowContainerRuntime(Clock clock) {
		log.warn("Hollow container runtime: containers are simulated, nothing runs (benchmark/test mode)");
		return new HollowContainerRuntime(clock);
	}

	@Bean
	GeneratorKafka generatorKafka(AgentProperties properties, KafkaProperties kafka, Environment environment) {
		return GeneratorKafka.resolve(properties.generatorBootstrapServers(), kafka.getBootstrapServers(),
				properties.generatorSchemaRegistryUrl(), environment.getProperty("dcf.schema-registry.url"));
	}

	private static String hostname() {
		String env = System.getenv("HOSTNAME");
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return (env != null && !env.isBlank()) ? env : "unknown";
		}
	}

}
