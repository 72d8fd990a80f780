package dev.dcf.handler.dryrun;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Dry-run settings ({@code dcf.handler.*}).
 *
 * @param dryRunTimeout how long a dry run may take from the request to the answer; the
 * agent's own {@code dcf.agent.dry-run-time} must fit in it with a few seconds to spare
 * (stopping the container, reading the topic)
 * @param dryRunConcurrency how many dry runs this handler carries out at once; one more
 * is refused (503) rather than queued, since each holds a request thread
 */
@Validated
@ConfigurationProperties("dcf.handler")
public record DryRunProperties(@DefaultValue("15s") @NotNull Duration dryRunTimeout,
		@DefaultValue("4") int dryRunConcurrency) {

	public DryRunProperties {
		if (dryRunTimeout != null && (dryRunTimeout.isNegative() || dryRunTimeout.isZero())) {
			throw new IllegalArgumentException("dcf.handler.dry-run-timeout must be positive, was " + dryRunTimeout);
		}
		if (dryRunConcurrency < 1) {
			throw new IllegalArgumentException(
					"dcf.handler.dry-run-concurrency must be at least 1, was " + dryRunConcurrency);
		}
	}

}
