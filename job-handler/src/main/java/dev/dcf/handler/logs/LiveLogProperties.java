package dev.dcf.handler.logs;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Live log follows ({@code dcf.handler.logs.*}, docs/configuration.md).
 *
 * @param followMax the longest one follow (a server-sent-event stream) lasts; the client
 * may start another
 * @param lease how long the agent follows a container unless the handler renews it
 * @param renewInterval how often the handler renews the lease of a container someone
 * watches (well below the lease)
 * @param replayLines lines of a followed container kept for viewers who join later
 * @param maxViewers streams open at once on this handler; more are refused with 503
 */
@ConfigurationProperties("dcf.handler.logs")
@Validated
public record LiveLogProperties(@DefaultValue("10m") @NotNull Duration followMax,
		@DefaultValue("30s") @NotNull Duration lease, @DefaultValue("10s") @NotNull Duration renewInterval,
		@DefaultValue("200") @Min(0) int replayLines, @DefaultValue("100") @Min(1) int maxViewers) {

	public LiveLogProperties {
		if (lease != null && renewInterval != null && renewInterval.compareTo(lease) >= 0) {
			throw new IllegalArgumentException("dcf.handler.logs.renew-interval (" + renewInterval
					+ ") must be shorter than the lease (" + lease + ")");
		}
	}

}
