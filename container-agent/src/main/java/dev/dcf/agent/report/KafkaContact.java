package dev.dcf.agent.report;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * When the agent last reached Kafka: the last report the broker acknowledged (heartbeats,
 * delayed job reports). Self-fencing ({@code dcf.agent.stop-after-disconnect}) reads it.
 * The agent's start counts as contact, so an agent that never reaches Kafka is cut off
 * from its start on. Thread-safe.
 */
public final class KafkaContact {

	private final Clock clock;

	private volatile Instant last;

	public KafkaContact(Clock clock) {
		this.clock = clock;
		this.last = clock.instant();
	}

	/** The broker acknowledged a report just now. */
	public void acknowledged() {
		this.last = this.clock.instant();
	}

	public Instant lastAcknowledged() {
		return this.last;
	}

	/** How long no report was acknowledged. */
	public Duration silentFor() {
		Duration silent = Duration.between(this.last, this.clock.instant());
		return silent.isNegative() ? Duration.ZERO : silent;
	}

}
