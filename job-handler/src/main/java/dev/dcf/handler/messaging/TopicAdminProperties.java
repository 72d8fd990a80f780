package dev.dcf.handler.messaging;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the jobs' topics ({@code dcf.handler.*}).
 *
 * @param topicAdminTimeout how long preparing a job's topic (create or describe, then
 * truncate) or deleting it may take in all; a broker that does not answer within it makes
 * the job wait for the next placement round (its placement timeout applies)
 */
@Validated
@ConfigurationProperties("dcf.handler")
record TopicAdminProperties(@DefaultValue("5s") @NotNull Duration topicAdminTimeout) {

	TopicAdminProperties {
		if (topicAdminTimeout != null && (topicAdminTimeout.isNegative() || topicAdminTimeout.isZero())) {
			throw new IllegalArgumentException(
					"dcf.handler.topic-admin-timeout must be positive, was " + topicAdminTimeout);
		}
	}

}
