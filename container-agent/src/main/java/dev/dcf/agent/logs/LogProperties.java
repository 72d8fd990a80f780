package dev.dcf.agent.logs;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Bounds of live log follows ({@code dcf.agent.logs.*}, docs/configuration.md).
 *
 * @param maxStreams containers followed at once; a LOGS beyond them is answered with an
 * ended batch saying so
 * @param linesPerSecond lines per second per stream (a token bucket with a one-second
 * burst); faster lines are dropped and counted
 * @param maxLineLength longer lines are cut and marked
 * @param batchInterval how often the lines gathered are sent
 * @param defaultLease how long a follow lasts unless renewed, when the LOGS gives none
 * @param maxLease the longest lease a LOGS may ask for
 * @param maxTail the most past lines a follow starts with
 */
@ConfigurationProperties("dcf.agent.logs")
@Validated
public record LogProperties(@DefaultValue("8") @Min(0) int maxStreams, @DefaultValue("500") @Min(1) int linesPerSecond,
		@DefaultValue("4KB") @NotNull DataSize maxLineLength, @DefaultValue("200ms") @NotNull Duration batchInterval,
		@DefaultValue("30s") @NotNull Duration defaultLease, @DefaultValue("2m") @NotNull Duration maxLease,
		@DefaultValue("1000") @Min(0) int maxTail) {

	public LogProperties {
		requirePositive("batch-interval", batchInterval);
		requirePositive("default-lease", defaultLease);
		requirePositive("max-lease", maxLease);
		if (maxLineLength != null && maxLineLength.toBytes() < 16) {
			throw new IllegalArgumentException(
					"dcf.agent.logs.max-line-length must be at least 16B, was " + maxLineLength);
		}
	}

	private static void requirePositive(String name, Duration value) {
		if (value != null && (value.isZero() || value.isNegative())) {
			throw new IllegalArgumentException("dcf.agent.logs." + name + " must be positive, was " + value);
		}
	}

	/** The lease of a request: its own within the maximum, else the default. */
	Duration leaseOf(LogRequest request) {
		Duration asked = (request.lease() != null) ? request.lease() : this.defaultLease;
		return (asked.compareTo(this.maxLease) > 0) ? this.maxLease : asked;
	}

}
