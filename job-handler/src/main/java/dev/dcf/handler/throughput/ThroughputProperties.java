package dev.dcf.handler.throughput;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Throughput sampling ({@code dcf.handler.throughput.*}).
 *
 * @param interval how often the topics of all RUNNING jobs are sampled (one batched
 * round)
 * @param history how much of a run's series is kept (and charted)
 * @param underTargetAfter how long the measured rate must stay under 90 % of a job's
 * target before the timeline notes it
 * @param keptRuns how many series of runs that ended are kept for their reports
 * @param timeout how long one round may wait for the brokers; topics not read within it
 * are skipped this round
 */
@Validated
@ConfigurationProperties("dcf.handler.throughput")
public record ThroughputProperties(@DefaultValue("2s") @NotNull Duration interval,
		@DefaultValue("10m") @NotNull Duration history, @DefaultValue("30s") @NotNull Duration underTargetAfter,
		@DefaultValue("500") int keptRuns, @DefaultValue("2s") @NotNull Duration timeout) {

	public ThroughputProperties {
		requirePositive("interval", interval);
		requirePositive("history", history);
		requirePositive("under-target-after", underTargetAfter);
		requirePositive("timeout", timeout);
		if (history != null && interval != null && history.compareTo(interval) < 0) {
			throw new IllegalArgumentException("dcf.handler.throughput.history must be at least the interval");
		}
		if (keptRuns < 0) {
			throw new IllegalArgumentException("dcf.handler.throughput.kept-runs must not be negative");
		}
	}

	/** How many points a series keeps. */
	int maxPoints() {
		return (int) Math.max(2, this.history.toMillis() / this.interval.toMillis());
	}

	private static void requirePositive(String name, Duration value) {
		if (value != null && (value.isNegative() || value.isZero())) {
			throw new IllegalArgumentException("dcf.handler.throughput." + name + " must be positive, was " + value);
		}
	}

}
