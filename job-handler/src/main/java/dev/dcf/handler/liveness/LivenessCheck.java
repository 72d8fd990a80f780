package dev.dcf.handler.liveness;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

import dev.dcf.handler.system.BackgroundLoop;

/**
 * Runs {@link AgentLiveness#check} every {@code dcf.handler.liveness-check-interval} with
 * what {@link HeartbeatSight} says. A conflict with a concurrent change (a heartbeat
 * arriving at that moment) is left for the next round. A database that does not answer
 * makes the handler blind: heartbeats cannot be applied meanwhile, so the agents get a
 * fresh grace when it answers again.
 */
@Component
class LivenessCheck implements SmartLifecycle {

	private final BackgroundLoop loop;

	LivenessCheck(AgentLiveness liveness, HeartbeatSight sight, LivenessStatus status, LivenessProperties properties,
			Clock clock) {
		this.loop = new BackgroundLoop("dcf-liveness", properties.livenessCheckInterval(), () -> {
			try {
				liveness.check(sight.blindness(), clock.instant());
			}
			catch (OptimisticLockingFailureException ex) {
				// an agent or job changed meanwhile: decided again next round
			}
			catch (DataAccessException | TransactionException ex) {
				Instant now = clock.instant();
				status.blind("the database does not answer: " + ex.getMessage(), now);
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
