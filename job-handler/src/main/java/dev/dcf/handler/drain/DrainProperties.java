package dev.dcf.handler.drain;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Draining settings ({@code dcf.handler.*}).
 *
 * @param drainInterval how often the jobs of agents drained with {@code move} are looked
 * at (besides whenever a mark changes or a moved job runs again): each look moves at most
 * one job per agent, and only once the job moved before runs on its new agent
 */
@Validated
@ConfigurationProperties("dcf.handler")
public record DrainProperties(@DefaultValue("2s") @NotNull Duration drainInterval) {

	public DrainProperties {
		if (drainInterval != null && (drainInterval.isNegative() || drainInterval.isZero())) {
			throw new IllegalArgumentException("dcf.handler.drain-interval must be positive, was " + drainInterval);
		}
	}

}
