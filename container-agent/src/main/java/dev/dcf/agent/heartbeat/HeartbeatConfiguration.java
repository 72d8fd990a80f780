package dev.dcf.agent.heartbeat;

import java.time.Clock;
import java.time.Duration;

import dev.dcf.agent.config.AgentIdentity;
import dev.dcf.agent.config.AgentProperties;
import dev.dcf.agent.health.HealthMonitor;
import dev.dcf.agent.health.SystemDisk;
import dev.dcf.agent.health.SystemMemory;
import dev.dcf.agent.report.KafkaContact;
import dev.dcf.agent.report.Reporter;
import dev.dcf.agent.report.SequenceCounter;
import dev.dcf.agent.runtime.ContainerRuntime;
import dev.dcf.agent.stats.StatsSampler;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class HeartbeatConfiguration {

	@Bean
	KafkaContact kafkaContact(Clock clock) {
		return new KafkaContact(clock);
	}

	@Bean
	Heartbeat heartbeat(HealthMonitor health, ContainerRuntime runtime, SystemMemory memory, SystemDisk disk,
			Reporter reporter, AgentIdentity identity, AgentProperties properties, KafkaContact contact, Clock clock,
			StatsSampler stats, SequenceCounter sequences) {
		return new Heartbeat(health, runtime, memory, disk, reporter, identity, properties.heartbeatInterval(),
				observationBound(properties.heartbeatInterval(), properties.health().checkTimeout()),
				properties.maxContainers(), clock, contact, stats, sequences);
	}

	/**
	 * At most half the interval (the rest is for sending), and never more than a health
	 * check is given anyway.
	 */
	static Duration observationBound(Duration interval, Duration checkTimeout) {
		Duration half = interval.dividedBy(2);
		return (half.compareTo(checkTimeout) < 0) ? half : checkTimeout;
	}

}
