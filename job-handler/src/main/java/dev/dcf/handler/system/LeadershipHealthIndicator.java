package dev.dcf.handler.system;

import java.time.Instant;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Health {@code leadership}: always UP (a follower is as healthy as the leader, and a
 * load balancer must keep sending it requests), with whether this handler leads, since
 * when, and who leads.
 */
@Component("leadershipHealthIndicator")
class LeadershipHealthIndicator extends AbstractHealthIndicator {

	private final LeaderElection election;

	LeadershipHealthIndicator(LeaderElection election) {
		super("Leadership health check failed");
		this.election = election;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.up().withDetail("leader", this.election.isLeader());
		Instant since = this.election.leaderSince();
		if (since != null) {
			builder.withDetail("leaderSince", since.toString());
		}
		String leader = this.election.leaderName();
		if (leader != null) {
			builder.withDetail("leaderName", leader);
		}
		String problem = this.election.lastProblem();
		if (problem != null) {
			builder.withDetail("problem", problem);
		}
	}

}
