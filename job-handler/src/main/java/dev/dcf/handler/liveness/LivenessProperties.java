package dev.dcf.handler.liveness;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * When an agent counts as lost ({@code dcf.handler.*}).
 *
 * @param agentTimeout an agent silent for longer is LOST; the default is three heartbeat
 * intervals of the agent's default (5 s) plus 5 s grace. Also the grace period after the
 * handler itself starts, before anyone is declared lost
 * @param livenessCheckInterval how often silent agents are looked for
 */
@Validated
@ConfigurationProperties("dcf.handler")
public record LivenessProperties(@DefaultValue("20s") @NotNull Duration agentTimeout,
		@DefaultValue("1s") @NotNull Duration livenessCheckInterval) {

	public LivenessProperties {
		if (agentTimeout != null && (agentTimeout.isNegative() || agentTimeout.isZero())) {
			throw new IllegalArgumentException("dcf.handler.agent-timeout must be positive, was " + agentTimeout);
		}
		if (livenessCheckInterval != null && (livenessCheckInterval.isNegative() || livenessCheckInterval.isZero())) {
			throw new IllegalArgumentException(
					"dcf.handler.liveness-check-interval must be positive, was " + livenessCheckInterval);
		}
	}

}
