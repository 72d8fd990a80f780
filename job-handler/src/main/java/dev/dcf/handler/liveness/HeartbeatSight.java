package dev.dcf.handler.liveness;

import java.util.Optional;

/**
 * Whether the handler can see the agents' heartbeats now: its heartbeat consumer runs,
 * holds partitions, and has read the heartbeat topic up to (nearly) its end, and Kafka
 * answers. Only then may silence mean that an agent is gone. Implemented where the Kafka
 * types live (messaging); every call is bounded in time.
 */
public interface HeartbeatSight {

	/**
	 * Why the handler cannot see heartbeats now.
	 * @return the reason, for logs, health and the GUI; empty when it can see them
	 */
	Optional<String> blindness();

}
