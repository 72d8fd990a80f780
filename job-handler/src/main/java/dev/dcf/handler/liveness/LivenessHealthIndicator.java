package dev.dcf.handler.liveness;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Health {@code agentLiveness} (the name {@code liveness} belongs to the probes group):
 * DOWN while the handler cannot see the agents' heartbeats (with why) and while the
 * mass-silence brake holds agents back (with which); UP otherwise. Either way nobody is
 * declared LOST, so a DOWN here means "look at the control plane".
 */
@Component("agentLivenessHealthIndicator")
class LivenessHealthIndicator extends AbstractHealthIndicator {

	private final LivenessStatus status;

	LivenessHealthIndicator(LivenessStatus status) {
		super("Liveness health check failed");
		this.status = status;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		LivenessStatus.Snapshot snapshot = this.status.snapshot();
		if (snapshot.isBlind()) {
			builder.down().withDetail("blind", snapshot.blindness());
			if (snapshot.blindSince() != null) {
				builder.withDetail("blindSince", snapshot.blindSince().toString());
			}
		}
		else {
			builder.up().withDetail("seeingSince", snapshot.seeingSince().toString());
		}
		if (snapshot.isBrakeEngaged()) {
			builder.down()
				.withDetail("alarm", snapshot.alarm())
				.withDetail("heldAgents", snapshot.held())
				.withDetail("heldSince", snapshot.heldSince().toString());
		}
	}

}
