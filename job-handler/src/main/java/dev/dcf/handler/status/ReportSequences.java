package dev.dcf.handler.status;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Guards against reports from the future ({@code dcf.handler.max-clock-skew}). An agent's
 * report sequence is its clock in microseconds since the epoch (at least), and a report
 * not newer than the last applied one is ignored. So one report whose sequence lies far
 * ahead — forged, or sent by an agent whose clock jumped — would make every later report
 * of that agent or job stale: the agent would be deaf until the clock caught up. Reports
 * further ahead of the handler's clock than the allowed skew are refused instead.
 *
 * @param maxClockSkew how far an agent's clock may run ahead of the handler's
 */
@Validated
@ConfigurationProperties("dcf.handler")
public record ReportSequences(@DefaultValue("2m") @NotNull Duration maxClockSkew) {

	public ReportSequences {
		if (maxClockSkew != null && maxClockSkew.isNegative()) {
			throw new IllegalArgumentException("dcf.handler.max-clock-skew must not be negative, was " + maxClockSkew);
		}
	}

	/**
	 * Whether a report's sequence lies further in the future than the allowed skew.
	 * @param sequence the report's sequence
	 * @param now the handler's clock
	 * @return {@code true} if the report must be refused
	 */
	boolean isTooFarAhead(long sequence, Instant now) {
		return sequence > ChronoUnit.MICROS.between(Instant.EPOCH, now.plus(this.maxClockSkew));
	}

}
