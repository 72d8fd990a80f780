package dev.dcf.handler.schedule;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Schedule settings ({@code dcf.handler.*}).
 *
 * @param triggerRepairInterval how often SCHEDULED and RUNNING jobs that lack their
 * trigger get one (also at start)
 */
@Validated
@ConfigurationProperties("dcf.handler")
public record ScheduleProperties(@DefaultValue("1m") @NotNull Duration triggerRepairInterval) {

	public ScheduleProperties {
		if (triggerRepairInterval != null && (triggerRepairInterval.isNegative() || triggerRepairInterval.isZero())) {
			throw new IllegalArgumentException(
					"dcf.handler.trigger-repair-interval must be positive, was " + triggerRepairInterval);
		}
	}

}
