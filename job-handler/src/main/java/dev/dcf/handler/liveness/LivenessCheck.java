package dev.dcf.handler.liveness;

import java.time.Clock;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

import dev.dcf.handler.system.BackgroundLoop;
import dev.dcf.handler.system.LoopLifecycle;

/**
 * Runs {@link AgentLiveness#check} every {@code dcf.handler.liveness-check-interval} with
 * what {@link HeartbeatSight} says. A conflict with a concurrent change (a heartbeat
 * arriving at that moment) is left for the next round. A database that does not answer
 * makes the handler blind: heartbeats cannot be applied meanwhile, so the agents get a
 * fresh grace when it answers again.
 */
@Component
class LivenessCheck extends LoopLifecycle {

	LivenessCheck(AgentLiveness liveness, HeartbeatSight sight, LivenessStatus status, LivenessProperties properties,
			Clock clock) {
		super(new BackgroundLoop("dcf-liveness", properties.livenessCheckInterval(), () -> {
			try {
				liveness.check(sight.blindness(), clock.instant());
			}
			catch (OptimisticLockingFailureException ex) {
				// an agent or job changed meanwhile: decided again next round
			}
			catch (DataAccessException | TransactionException ex) {
				status.blind("the database does not answer: " + ex.getMessage(), clock.instant());
			}
			return null;
		}));
	}

}
