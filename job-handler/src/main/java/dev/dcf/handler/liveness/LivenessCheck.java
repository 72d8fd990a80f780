package dev.dcf.handler.liveness;

import java.time.Clock;
import java.time.Duration;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

import dev.dcf.handler.system.BackgroundLoop;

/**
 * Runs {@link AgentLiveness#markSilentAgentsLost} every
 * {@code dcf.handler.liveness-check-interval}. A conflict with a concurrent change (a
 * heartbeat arriving at that moment) is left for the next round.
 */
@Component
class LivenessCheck implements SmartLifecycle {

	private final BackgroundLoop loop;

	LivenessCheck(AgentLiveness liveness, LivenessProperties properties, Clock clock) {
		this.loop = new BackgroundLoop("dcf-liveness", properties.livenessCheckInterval(), () -> {
			try {
				liveness.markSilentAgentsLost(clock.instant());
			}
			catch (OptimisticLockingFailureException ex) {
				// an agent or job changed meanwhile: decided again next round
			}
			return null;
		});
	}

	@Override
	public void start() {
		this.loop.start();
	}

	@Override
	public void stop() {
		this.loop.stop(Duration.ofSeconds(10));
	}

	@Override
	public boolean isRunning() {
		return this.loop.isRunning();
	}

}
