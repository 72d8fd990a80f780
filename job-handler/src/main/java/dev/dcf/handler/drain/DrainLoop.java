package dev.dcf.handler.drain;

import java.time.Clock;

import dev.dcf.handler.agent.AgentDrainChanged;
import dev.dcf.handler.job.JobState;
import dev.dcf.handler.job.JobStateChanged;
import dev.dcf.handler.system.BackgroundLoop;
import dev.dcf.handler.system.Leadership;
import dev.dcf.handler.system.LoopLifecycle;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Moves the jobs of draining agents on one thread: every
 * {@code dcf.handler.drain-interval}, and at once after an agent was marked draining or a
 * job became RUNNING (a moved job arrived, so the next one may go).
 */
@Component
class DrainLoop extends LoopLifecycle {

	DrainLoop(DrainService drain, DrainProperties properties, Clock clock, Leadership leadership) {
		super(BackgroundLoop.whileLeading(leadership, "dcf-drain", properties.drainInterval(), () -> {
			drain.moveRound(clock.instant());
			return null;
		}));
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
	void on(AgentDrainChanged changed) {
		if (changed.draining() && changed.move()) {
			wakeUp();
		}
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
	void on(JobStateChanged changed) {
		if (changed.to() == JobState.RUNNING) {
			wakeUp();
		}
	}

}
