package dev.dcf.handler.placement;

import java.time.Clock;

import dev.dcf.handler.agent.AgentChanged;
import dev.dcf.handler.agent.AgentDrainChanged;
import dev.dcf.handler.agent.AgentState;
import dev.dcf.handler.job.JobState;
import dev.dcf.handler.job.JobStateChanged;
import dev.dcf.handler.system.BackgroundLoop;
import dev.dcf.handler.system.Leadership;
import dev.dcf.handler.system.LoopLifecycle;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Runs placement on one thread: every {@code dcf.handler.placement-interval}, and at once
 * after a job started deploying, an agent became healthy or stopped draining (after the
 * commit, so the change is visible).
 */
@Component
class PlacementLoop extends LoopLifecycle {

	PlacementLoop(PlacementService placement, PlacementProperties properties, Clock clock, Leadership leadership) {
		super(BackgroundLoop.whileLeading(leadership, "dcf-placement", properties.placementInterval(), () -> {
			placement.placePendingJobs(clock.instant());
			placement.failOverdueDeployments(clock.instant());
			return null;
		}));
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
	void on(JobStateChanged changed) {
		if (changed.to() == JobState.DEPLOYING) {
			wakeUp();
		}
	}

	/** An agent that is no longer draining may take the jobs that wait. */
	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
	void on(AgentDrainChanged changed) {
		if (!changed.draining()) {
			wakeUp();
		}
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
	void on(AgentChanged changed) {
		if (changed.statusChanged() && changed.status() == AgentState.HEALTHY) {
			wakeUp();
		}
	}

}
