package dev.dcf.handler.placement;

import java.time.Clock;
import java.time.Duration;

import dev.dcf.handler.agent.AgentChanged;
import dev.dcf.handler.agent.AgentState;
import dev.dcf.handler.job.JobState;
import dev.dcf.handler.job.JobStateChanged;
import dev.dcf.handler.system.BackgroundLoop;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Runs placement on one thread: every {@code dcf.handler.placement-interval}, and at once
 * after a job started deploying or an agent became healthy (after the commit, so the
 * change is visible).
 */
@Component
class PlacementLoop implements SmartLifecycle {

	private final BackgroundLoop loop;

	PlacementLoop(PlacementService placement, PlacementProperties properties, Clock clock) {
		this.loop = new BackgroundLoop("dcf-placement", properties.placementInterval(), () -> {
			placement.placePendingJobs(clock.instant());
			placement.failOverdueDeployments(clock.instant());
			return null;
		});
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
	void on(JobStateChanged changed) {
		if (changed.to() == JobState.DEPLOYING) {
			this.loop.wakeUp();
		}
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
	void on(AgentChanged changed) {
		if (changed.statusChanged() && changed.status() == AgentState.HEALTHY) {
			this.loop.wakeUp();
		}
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
