package dev.dcf.agent.logs;

import java.time.Clock;

import dev.dcf.agent.runtime.ContainerRuntime;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LogProperties.class)
class LogsConfiguration {

	@Bean
	LogStreams logStreams(ContainerRuntime runtime, LogSink sink, LogProperties properties, Clock clock) {
		return new LogStreams(runtime, sink, properties, clock);
	}

}
