package dev.dcf.handler.placement;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Placement settings ({@code dcf.handler.*}).
 *
 * @param placementTimeout how long a job may wait in DEPLOYING for an agent that can take
 * it before it fails with the reasons
 * @param placementInterval how often waiting jobs are tried again (besides whenever a job
 * starts deploying or an agent becomes healthy)
 * @param deployTimeout how long a job placed on an agent may wait for its STARTED or
 * START_FAILED before it fails (the instruction was lost or ignored)
 */
@Validated
@ConfigurationProperties("dcf.handler")
public record PlacementProperties(@DefaultValue("2m") @NotNull Duration placementTimeout,
		@DefaultValue("2s") @NotNull Duration placementInterval, @DefaultValue("2m") @NotNull Duration deployTimeout) {

	public PlacementProperties {
		if (placementInterval != null && (placementInterval.isNegative() || placementInterval.isZero())) {
			throw new IllegalArgumentException(
					"dcf.handler.placement-interval must be positive, was " + placementInterval);
		}
		if (deployTimeout != null && (deployTimeout.isNegative() || deployTimeout.isZero())) {
			throw new IllegalArgumentException("dcf.handler.deploy-timeout must be positive, was " + deployTimeout);
		}
		if (placementTimeout != null && placementTimeout.isNegative()) {
			throw new IllegalArgumentException("dcf.handler.placement-timeout must not be negative");
		}
	}

}
