package dev.dcf.handler.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.BatchSize;
import org.hibernate.annotations.Fetch;
import org.hibernate.annotations.FetchMode;

import org.springframework.data.domain.AbstractAggregateRoot;

/**
 * An agent as the handler last heard of it: built from heartbeats, declared LOST by the
 * liveness check when it falls silent. A heartbeat that is not newer than the last
 * applied one (by sequence) changes nothing. Each applied change registers
 * {@link AgentChanged}.
 */
@Entity
@Table(name = "agent")
public class Agent extends AbstractAggregateRoot<Agent> {

	static final int MAX_ID = 255;

	static final int MAX_TEXT = 255;

	static final int MAX_MESSAGE = 1000;

	static final int MAX_LABEL_KEY = 255;

	static final int MAX_LABEL_VALUE = 1000;

	@Id
	@Column(length = MAX_ID)
	private String id;

	@Version
	private Long version;

	@Column(length = MAX_TEXT)
	private String hostname;

	@Column(name = "agent_version", length = 100)
	private String agentVersion;

	@Column(name = "docker_version", length = 100)
	private String dockerVersion;

	/** Base64 of the X.509 public key secret values are sealed for; null: none yet. */
	@Column(name = "public_key", length = 1000)
	private String publicKey;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false, length = 16)
	private AgentState status;

	@Column(name = "status_changed_at", nullable = false)
	private Instant statusChangedAt;

	@Embedded
	private AgentCapacity capacity;

	@ElementCollection(fetch = FetchType.EAGER)
	@Fetch(FetchMode.SELECT)
	@BatchSize(size = 50)
	@CollectionTable(name = "agent_label", joinColumns = @JoinColumn(name = "agent_id"))
	@MapKeyColumn(name = "label_key", length = MAX_LABEL_KEY)
	@Column(name = "label_value", nullable = false, length = MAX_LABEL_VALUE)
	private Map<String, String> labels = new LinkedHashMap<>();

	@ElementCollection(fetch = FetchType.EAGER)
	@Fetch(FetchMode.SELECT)
	@BatchSize(size = 50)
	@CollectionTable(name = "agent_check", joinColumns = @JoinColumn(name = "agent_id"))
	@OrderColumn(name = "position")
	private List<AgentCheck> checks = new ArrayList<>();

	@Column(name = "heartbeat_interval_ms", nullable = false)
	private long heartbeatIntervalMillis;

	@Column(name = "last_sequence", nullable = false)
	private long lastSequence;

	/** When the handler received the newest heartbeat (the handler's clock). */
	@Column(name = "last_heartbeat_at", nullable = false)
	private Instant lastHeartbeatAt;

	/** When the agent sent the newest heartbeat (the agent's clock). */
	@Column(name = "last_sent_at")
	private Instant lastSentAt;

	@Column(name = "first_seen_at", nullable = false)
	private Instant firstSeenAt;

	/**
	 * Marked by an administrator: placement chooses it no more. The handler's own mark,
	 * never changed by a heartbeat.
	 */
	@Column(nullable = false)
	private boolean draining;

	/** While draining: its running jobs are moved to other agents, one at a time. */
	@Column(name = "drain_move", nullable = false)
	private boolean drainMove;

	@Column(name = "drain_since")
	private Instant drainSince;

	@Column(name = "drained_by", length = 100)
	private String drainedBy;

	protected Agent() {
		// for JPA
	}

	/**
	 * An agent heard of for the first time.
	 * @param heartbeat its first heartbeat
	 * @param receivedAt when it arrived
	 */
	Agent(AgentHeartbeat heartbeat, Instant receivedAt) {
		if (heartbeat.agentId().isBlank() || heartbeat.agentId().length() > MAX_ID) {
			throw new IllegalArgumentException("Agent id must be 1 to " + MAX_ID + " characters");
		}
		this.id = heartbeat.agentId();
		this.firstSeenAt = receivedAt;
		this.lastSequence = Long.MIN_VALUE;
		apply(heartbeat, receivedAt);
	}

	/**
	 * Applies a heartbeat unless it is stale.
	 * @param heartbeat the heartbeat
	 * @param receivedAt when it arrived
	 * @return {@code false} if its sequence is not newer than the last applied one
	 * (ignored)
	 */
	boolean apply(AgentHeartbeat heartbeat, Instant receivedAt) {
		if (heartbeat.sequence() <= this.lastSequence) {
			return false;
		}
		AgentState previous = this.status;
		this.lastSequence = heartbeat.sequence();
		this.hostname = cut(heartbeat.hostname(), MAX_TEXT);
		this.agentVersion = cut(heartbeat.version(), 100);
		this.dockerVersion = cut(heartbeat.dockerVersion(), 100);
		this.publicKey = (heartbeat.publicKey() != null && heartbeat.publicKey().length() <= 1000)
				? heartbeat.publicKey() : null;
		this.capacity = heartbeat.capacity();
		Map<String, String> labels = new LinkedHashMap<>();
		new TreeMap<>(heartbeat.labels()).forEach((key, value) -> {
			if (key.length() > MAX_LABEL_KEY || value.length() > MAX_LABEL_VALUE) {
				throw new IllegalArgumentException("Label " + cut(key, 40) + " of agent " + this.id + " is too long");
			}
			labels.put(key, value);
		});
		List<AgentCheck> checks = heartbeat.checks()
			.stream()
			.map((check) -> new AgentCheck(cut(check.name(), MAX_TEXT), check.passed(),
					cut(check.message(), MAX_MESSAGE)))
			.toList();
		// replaced only when changed: a replaced collection is deleted and written anew
		if (!this.labels.equals(labels)) {
			this.labels.clear();
			this.labels.putAll(labels);
		}
		if (!this.checks.equals(checks)) {
			this.checks.clear();
			this.checks.addAll(checks);
		}
		Duration interval = heartbeat.heartbeatInterval();
		this.heartbeatIntervalMillis = (interval != null) ? interval.toMillis() : 0;
		this.lastHeartbeatAt = receivedAt;
		this.lastSentAt = heartbeat.sentAt();
		changeStatus(previous, heartbeat.health(), receivedAt);
		return true;
	}

	/**
	 * Declares the agent lost: it has been silent for too long. Idempotent.
	 * @param now the current time
	 * @return {@code false} if it was already LOST
	 */
	public boolean markLost(Instant now) {
		if (this.status == AgentState.LOST) {
			return false;
		}
		changeStatus(this.status, AgentState.LOST, now);
		return true;
	}

	/**
	 * Whether no heartbeat arrived since {@code cutoff}.
	 * @param cutoff the earliest time a heartbeat must have arrived
	 * @return {@code true} if the last heartbeat is older
	 */
	public boolean isSilentSince(Instant cutoff) {
		return this.lastHeartbeatAt.isBefore(cutoff);
	}

	/**
	 * An administrator marks the agent draining: no new placements there; with
	 * {@code move} its running jobs are moved elsewhere. Marking it again only changes
	 * {@code move}.
	 * @param move whether its jobs are moved
	 * @param by who marks it
	 * @param now the current time
	 * @return {@code false} if nothing changed
	 */
	public boolean drain(boolean move, String by, Instant now) {
		if (this.draining && this.drainMove == move) {
			return false;
		}
		if (!this.draining) {
			this.drainSince = now;
		}
		this.draining = true;
		this.drainMove = move;
		this.drainedBy = cut(by, 100);
		registerEvent(new AgentChanged(this.id, this.status, this.status, now));
		registerEvent(new AgentDrainChanged(this.id, true, move, by, now));
		return true;
	}

	/**
	 * The agent may take new jobs again. Jobs moved off it stay where they went.
	 * @param by who lifts the mark
	 * @param now the current time
	 * @return {@code false} if it was not draining
	 */
	public boolean undrain(String by, Instant now) {
		if (!this.draining) {
			return false;
		}
		this.draining = false;
		this.drainMove = false;
		this.drainSince = null;
		this.drainedBy = null;
		registerEvent(new AgentChanged(this.id, this.status, this.status, now));
		registerEvent(new AgentDrainChanged(this.id, false, false, by, now));
		return true;
	}

	private void changeStatus(AgentState previous, AgentState next, Instant now) {
		if (previous != next) {
			this.statusChangedAt = now;
		}
		this.status = next;
		registerEvent(new AgentChanged(this.id, previous, next, now));
	}

	private static String cut(String text, int max) {
		return (text == null || text.length() <= max) ? text : text.substring(0, max);
	}

	public String getId() {
		return this.id;
	}

	public String getHostname() {
		return this.hostname;
	}

	public String getAgentVersion() {
		return this.agentVersion;
	}

	public String getDockerVersion() {
		return this.dockerVersion;
	}

	public AgentState getStatus() {
		return this.status;
	}

	public Instant getStatusChangedAt() {
		return this.statusChangedAt;
	}

	public AgentCapacity getCapacity() {
		return this.capacity;
	}

	public Map<String, String> getLabels() {
		return Collections.unmodifiableMap(this.labels);
	}

	public List<AgentCheck> getChecks() {
		return Collections.unmodifiableList(this.checks);
	}

	/**
	 * The checks that failed in the newest heartbeat.
	 * @return the failed checks, possibly none
	 */
	public List<AgentCheck> getFailedChecks() {
		return this.checks.stream().filter((check) -> !check.passed()).toList();
	}

	public long getHeartbeatIntervalMillis() {
		return this.heartbeatIntervalMillis;
	}

	public long getLastSequence() {
		return this.lastSequence;
	}

	public Instant getLastHeartbeatAt() {
		return this.lastHeartbeatAt;
	}

	public Instant getLastSentAt() {
		return this.lastSentAt;
	}

	public Instant getFirstSeenAt() {
		return this.firstSeenAt;
	}

	public boolean isDraining() {
		return this.draining;
	}

	public boolean isDrainMove() {
		return this.drainMove;
	}

	public Instant getDrainSince() {
		return this.drainSince;
	}

	public String getDrainedBy() {
		return this.drainedBy;
	}

	@Override
	public String toString() {
		return "Agent[" + this.id + ", " + this.status + "]";
	}

	/**
	 * @return base64 of the public key from its newest heartbeat, {@code null} if it
	 * published none (an agent older than secrets)
	 */
	public String getPublicKey() {
		return this.publicKey;
	}

}
