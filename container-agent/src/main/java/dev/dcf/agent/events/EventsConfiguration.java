package dev.dcf.agent.events;

import java.time.Clock;
import java.time.Duration;

import dev.dcf.agent.config.AgentIdentity;
import dev.dcf.agent.config.AgentProperties;
import dev.dcf.agent.instruction.JobLocks;
import dev.dcf.agent.instruction.Restarts;
import dev.dcf.agent.report.Reporter;
import dev.dcf.agent.runtime.ContainerRuntime;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class EventsConfiguration {

	@Bean
	ExitReporter exitReporter(ContainerRuntime runtime, Reporter reporter, JobLocks locks, Clock clock,
			Restarts restarts, AgentProperties properties) {
		return new ExitReporter(runtime, reporter, locks, clock, properties.stopTimeout(), restarts);
	}

	/**
	 * Backoff is capped below the heartbeat interval: a daemon that comes back is watched
	 * again before the next heartbeat or the one after.
	 */
	@Bean
	ExitWatcher exitWatcher(ContainerRuntime runtime, ExitReporter exits, AgentIdentity identity,
			AgentProperties properties) {
		Duration cap = properties.heartbeatInterval().dividedBy(2);
		Duration maxBackoff = cap.compareTo(Duration.ofMillis(500)) < 0 ? Duration.ofMillis(500) : cap;
		return new ExitWatcher(runtime, exits, identity.id(), maxBackoff);
	}

}
