package dev.dcf.messaging;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import dev.dcf.schemes.DcfTopics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Management topic names ({@code dcf.topics.*}, read by the handler and the agent alike);
 * dead-letter topics are {@code <topic>.DLT}.
 *
 * @param jobInstructions handler to agents
 * @param jobStatus agents to handler, per job
 * @param agentStatus agents to handler, heartbeats
 * @param partitions partitions a missing management topic is created with
 * @param containerLogs agents to handler, live container output
 */
@ConfigurationProperties("dcf.topics")
@Validated
public record TopicProperties(@DefaultValue(DcfTopics.JOB_INSTRUCTIONS) @NotBlank String jobInstructions,
		@DefaultValue(DcfTopics.JOB_STATUS) @NotBlank String jobStatus,
		@DefaultValue(DcfTopics.AGENT_STATUS) @NotBlank String agentStatus,
		@DefaultValue("" + DcfTopics.DEFAULT_PARTITIONS) @Min(1) int partitions,
		@DefaultValue(DcfTopics.CONTAINER_LOGS) @NotBlank String containerLogs) {

}
