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
 * intervals of the agent's default (5 s) plus 5 s grace. Counted from the agent's last
 * heartbeat or from the end of the handler's last blind period, whichever is later
 * @param livenessCheckInterval how often silent agents are looked for
 * @param heartbeatMaxLag how many heartbeat records per partition the handlers may be
 * behind the end of the heartbeat topic and still count as seeing heartbeats; further
 * behind they are catching up, and nobody is declared LOST
 * @param exclusiveReplacementAfter how long an exclusive job whose agent is LOST waits
 * for the old run's containers to be known gone before it is replaced anyway
 * @param agentRestartGrace an agent that said it is STOPPING (a clean shutdown, which
 * leaves its containers running) is LOST when silent this long: a restart or an upgrade
 * of the agent takes longer than a missed heartbeat, and replacing its work would stop
 * healthy containers. A grace shorter than {@code agentTimeout} counts as
 * {@code agentTimeout}
 */
@Validated
@ConfigurationProperties("dcf.handler")
public record LivenessProperties(@DefaultValue("20s") @NotNull Duration agentTimeout,
		@DefaultValue("1s") @NotNull Duration livenessCheckInterval, @DefaultValue("20") long heartbeatMaxLag,
		@DefaultValue("5m") @NotNull Duration exclusiveReplacementAfter,
		@DefaultValue("60s") @NotNull Duration agentRestartGrace) {

	public LivenessProperties {
		if (agentTimeout != null && (agentTimeout.isNegative() || agentTimeout.isZero())) {
			throw new IllegalArgumentException("dcf.handler.agent-timeout must be positive, was " + agentTimeout);
		}
		if (livenessCheckInterval != null && (livenessCheckInterval.isNegative() || livenessCheckInterval.isZero())) {
			throw new IllegalArgumentException(
					"dcf.handler.liveness-check-interval must be positive, was " + livenessCheckInterval);
		}
		if (heartbeatMaxLag < 0) {
			throw new IllegalArgumentException(
					"dcf.handler.heartbeat-max-lag must not be negative, was " + heartbeatMaxLag);
		}
	}

	/**
	 * How long an agent that said it is STOPPING may be silent before it is LOST.
	 * @return the restart grace, never shorter than the agent timeout
	 */
	public Duration stoppingAgentTimeout() {
		return this.agentRestartGrace.compareTo(this.agentTimeout) < 0 ? this.agentTimeout : this.agentRestartGrace;
	}

}
