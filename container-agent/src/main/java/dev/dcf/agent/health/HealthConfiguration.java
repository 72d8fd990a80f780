package dev.dcf.agent.health;

import java.time.Clock;
import java.util.List;

import dev.dcf.agent.config.AgentIdentity;
import dev.dcf.agent.config.AgentProperties;
import dev.dcf.agent.runtime.ContainerRuntime;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The built-in checks. More checks are just more {@link HealthCheck} beans.
 */
@Configuration(proxyBeanMethods = false)
class HealthConfiguration {

	@Bean
	SystemMemory systemMemory() {
		return new SystemMemory();
	}

	@Bean
	SystemDisk systemDisk(AgentProperties properties) {
		return new SystemDisk(properties.health().diskPath());
	}

	@Bean
	DockerDaemonCheck dockerDaemonCheck(ContainerRuntime runtime) {
		return new DockerDaemonCheck(runtime);
	}

	@Bean
	FreeMemoryCheck freeMemoryCheck(SystemMemory memory, AgentProperties properties) {
		return new FreeMemoryCheck(memory::availableBytes, properties.health().minFreeMemory());
	}

	@Bean
	FreeDiskCheck freeDiskCheck(SystemDisk disk, AgentProperties properties) {
		return new FreeDiskCheck(disk, properties.health().minFreeDisk());
	}

	@Bean
	ContainerCountCheck containerCountCheck(ContainerRuntime runtime, AgentIdentity identity,
			AgentProperties properties) {
		return new ContainerCountCheck(runtime, identity.id(), properties.maxContainers());
	}

	@Bean
	HealthMonitor healthMonitor(List<HealthCheck> checks, AgentProperties properties, Clock clock) {
		return new HealthMonitor(checks, properties.health().checkTimeout(), clock);
	}

}
