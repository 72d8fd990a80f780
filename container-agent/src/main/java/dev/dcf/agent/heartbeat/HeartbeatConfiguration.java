package dev.dcf.agent.heartbeat;

import java.time.Clock;

import dev.dcf.agent.config.AgentIdentity;
import dev.dcf.agent.config.AgentProperties;
import dev.dcf.agent.health.HealthMonitor;
import dev.dcf.agent.health.SystemDisk;
import dev.dcf.agent.health.SystemMemory;
import dev.dcf.agent.report.Reporter;
import dev.dcf.agent.runtime.ContainerRuntime;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class HeartbeatConfiguration {

	@Bean
	Heartbeat heartbeat(HealthMonitor health, ContainerRuntime runtime, SystemMemory memory, SystemDisk disk,
			Reporter reporter, AgentIdentity identity, AgentProperties properties, Clock clock) {
		return new Heartbeat(health, runtime, memory, disk, reporter, identity, properties.heartbeatInterval(),
				properties.maxContainers(), clock);
	}

}
