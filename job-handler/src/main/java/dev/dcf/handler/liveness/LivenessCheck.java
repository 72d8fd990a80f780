package dev.dcf.handler.liveness;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

import dev.dcf.handler.system.BackgroundLoop;
import dev.dcf.handler.system.Leadership;
import dev.dcf.handler.system.LoopLifecycle;

/**
 * Runs {@link AgentLiveness#check} every {@code dcf.handler.liveness-check-interval} with
 * what {@link HeartbeatSight} says, on the leading handler only (see {@link Round}). A
 * conflict with a concurrent change (a heartbeat arriving at that moment) is left for the
 * next round. A database that does not answer makes the handler blind: heartbeats cannot
 * be applied meanwhile, so the agents get a fresh grace when it answers again. So does a
 * gap between two rounds (a check that waited for a database connection, a stalled JVM):
 * nobody watched meanwhile, and heartbeats held up with the check may not be applied yet.
 */
@Component
class LivenessCheck extends LoopLifecycle {

	@Autowired
	LivenessCheck(AgentLiveness liveness, HeartbeatSight sight, LivenessStatus status, LivenessProperties properties,
			Clock clock, Leadership leadership) {
		this(new Round(liveness, sight, status, clock, leadership, Round.maxGap(properties)), properties, leadership);
	}

	private LivenessCheck(Round round, LivenessProperties properties, Leadership leadership) {
		super(new BackgroundLoop("dcf-liveness", properties.livenessCheckInterval(), () -> {
			round.run();
			return null;
		}));
		leadership.whenLeading(this::wakeUp);
	}

	/**
	 * One round. The leader judges. A follower judges nobody (two handlers with different
	 * views must not both declare agents LOST) but keeps its sight up to date for its
	 * health and banner. A handler that has just become the leader starts as after its
	 * own restart: blind for a moment, so every agent gets the full agent timeout from
	 * now — the agents were heard by the former leader, not by this one, and silence
	 * during a takeover is no evidence. The same holds after a gap of more than
	 * {@link #maxGap} between two rounds as leader.
	 */
	static final class Round {

		private final AgentLiveness liveness;

		private final HeartbeatSight sight;

		private final LivenessStatus status;

		private final Clock clock;

		private final Leadership leadership;

		private final Duration maxGap;

		/** The leadership term of the last round as leader; 0 before the first. */
		private long term;

		/** When the last round as leader began; null before the first. */
		private Instant lastRound;

		Round(AgentLiveness liveness, HeartbeatSight sight, LivenessStatus status, Clock clock, Leadership leadership,
				Duration maxGap) {
			this.liveness = liveness;
			this.sight = sight;
			this.status = status;
			this.clock = clock;
			this.leadership = leadership;
			this.maxGap = maxGap;
		}

		/**
		 * The longest gap between two rounds that still counts as watching: five check
		 * intervals or half the agent timeout, whichever is longer. A round that waited
		 * for a database connection through an outage longer than that (Hikari waits up
		 * to 30 s) leaves a longer gap; shorter stalls of a loaded JVM delay nobody's
		 * loss.
		 */
		static Duration maxGap(LivenessProperties properties) {
			Duration five = properties.livenessCheckInterval().multipliedBy(5);
			Duration half = properties.agentTimeout().dividedBy(2);
			return (five.compareTo(half) < 0) ? half : five;
		}

		void run() {
			Instant now = this.clock.instant();
			if (!this.leadership.isLeader()) {
				this.lastRound = null;
				this.status.hold(List.of(), now);
				this.sight.blindness()
					.ifPresentOrElse((reason) -> this.status.blind(reason, now), () -> this.status.seeing(now));
				return;
			}
			long current = this.leadership.term();
			if (current != this.term) {
				this.term = current;
				if (this.status.snapshot().seeingSince() != null) {
					this.status.blind("this handler has just become the leader", now);
				}
			}
			else if (this.lastRound != null && Duration.between(this.lastRound, now).compareTo(this.maxGap) > 0) {
				this.status.blind("the liveness check did not run for "
						+ Duration.between(this.lastRound, now).toSeconds() + " s (a database wait or a stalled JVM)",
						now);
			}
			this.lastRound = now;
			try {
				this.liveness.check(this.sight.blindness(), now);
			}
			catch (OptimisticLockingFailureException ex) {
				// an agent or job changed meanwhile: decided again next round
			}
			catch (DataAccessException | TransactionException ex) {
				this.status.blind("the database does not answer: " + ex.getMessage(), now);
			}
		}

	}

}
