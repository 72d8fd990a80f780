package dev.dcf.agent.stats;

import dev.dcf.agent.config.AgentProperties;
import dev.dcf.agent.runtime.ContainerRuntime;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class StatsConfiguration {

	/** Each call is bounded like every other Docker call ({@code docker-timeout}). */
	@Bean
	StatsSampler statsSampler(ContainerRuntime runtime, AgentProperties properties) {
		return new StatsSampler(runtime, properties.statsInterval(), properties.dockerTimeout());
	}

}
