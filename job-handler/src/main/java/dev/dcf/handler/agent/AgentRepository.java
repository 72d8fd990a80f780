package dev.dcf.handler.agent;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/**
 * Agents. Save an {@link Agent} after every change so that its domain events are
 * published.
 */
public interface AgentRepository extends JpaRepository<Agent, String> {

	List<Agent> findAllByOrderByIdAsc();

	List<Agent> findByStatusIn(Collection<AgentState> states);

	List<Agent> findByDrainingTrueAndDrainMoveTrueOrderByIdAsc();

	long countByStatusIn(Collection<AgentState> states);

	/**
	 * Agents not yet LOST whose last heartbeat arrived before {@code cutoff}: the
	 * candidates of the liveness check.
	 * @param cutoff the earliest time a heartbeat must have arrived
	 * @return the silent agents
	 */
	@Query("select a from Agent a where a.status <> dev.dcf.handler.agent.AgentState.LOST and a.lastHeartbeatAt < :cutoff")
	List<Agent> findSilentSince(Instant cutoff);

	/**
	 * How many agents have each status, in one query.
	 * @return one row per status that has agents
	 */
	@Query("select a.status as status, count(a) as count from Agent a group by a.status")
	List<StatusCount> countByStatus();

	/**
	 * A row of {@link #countByStatus()}.
	 */
	interface StatusCount {

		AgentState getStatus();

		long getCount();

	}

}
