package dev.dcf.handler.liveness;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * What this handler knows about its own sight, kept in memory: whether it can see
 * heartbeats now (and since when, or why not), and whether the mass-silence brake holds
 * agents back. Read by health, metrics and the GUI banner; written by the liveness check.
 * The handler starts blind. Thread-safe.
 */
@Component
public class LivenessStatus {

	private static final Logger log = LoggerFactory.getLogger(LivenessStatus.class);

	private Instant seeingSince;

	private String blindness = "the handler is starting";

	private Instant blindSince;

	private final Set<String> held = new TreeSet<>();

	private Instant heldSince;

	/**
	 * The handler cannot see heartbeats. Ends the current seeing period.
	 * @param reason why
	 * @param now the current time
	 */
	synchronized void blind(String reason, Instant now) {
		if (this.seeingSince != null || this.blindSince == null) {
			log.warn("Cannot see agents' heartbeats: {}. Nobody is declared LOST until they can be seen again", reason);
			this.blindSince = now;
		}
		else if (!reason.equals(this.blindness)) {
			log.info("Still cannot see agents' heartbeats: {}", reason);
		}
		this.seeingSince = null;
		this.blindness = reason;
	}

	/**
	 * The handler can see heartbeats.
	 * @param now the current time
	 * @return since when it sees them without interruption
	 */
	synchronized Instant seeing(Instant now) {
		if (this.seeingSince == null) {
			this.seeingSince = now;
			if (this.blindSince != null) {
				log.info("Agents' heartbeats can be seen again (blind since {}: {}); every agent has a fresh grace",
						this.blindSince, this.blindness);
			}
			this.blindness = null;
			this.blindSince = null;
		}
		return this.seeingSince;
	}

	/**
	 * Records which agents the brake holds now.
	 * @param agents the held agents' ids, empty when the brake is released
	 * @param now the current time
	 * @return which agents are held now that were not before, and which are not any more
	 */
	synchronized Change hold(List<String> agents, Instant now) {
		Set<String> added = new TreeSet<>(agents);
		added.removeAll(this.held);
		Set<String> released = new TreeSet<>(this.held);
		released.removeAll(agents);
		if (agents.isEmpty()) {
			this.heldSince = null;
		}
		else if (this.held.isEmpty()) {
			this.heldSince = now;
		}
		this.held.clear();
		this.held.addAll(agents);
		return new Change(added, released);
	}

	/**
	 * A change of the held agents.
	 *
	 * @param added held now, not before
	 * @param released held before, not now
	 */
	record Change(Set<String> added, Set<String> released) {
	}

	/**
	 * The current view.
	 * @return a snapshot
	 */
	public synchronized Snapshot snapshot() {
		return new Snapshot(this.seeingSince, this.blindness, this.blindSince, List.copyOf(this.held), this.heldSince);
	}

	/**
	 * The handler's sight at one moment.
	 *
	 * @param seeingSince since when it sees heartbeats; {@code null} while blind
	 * @param blindness why it is blind; {@code null} while seeing
	 * @param blindSince since when it is blind; {@code null} while seeing or before the
	 * first check
	 * @param held agents the mass-silence brake holds back (silent, not declared LOST)
	 * @param heldSince since when the brake holds
	 */
	public record Snapshot(Instant seeingSince, String blindness, Instant blindSince, List<String> held,
			Instant heldSince) {

		public boolean isBlind() {
			return this.seeingSince == null;
		}

		public boolean isBrakeEngaged() {
			return !this.held.isEmpty();
		}

		/**
		 * The alarm for people: why the handler does not declare silent agents lost.
		 * @return the text, {@code null} when there is nothing to say
		 */
		public String alarm() {
			if (isBrakeEngaged()) {
				return "most agents fell silent at once (held: " + String.join(", ", this.held)
						+ "): a control-plane problem is likelier than that they all died, so none is declared LOST "
						+ "until they are heard again or an administrator confirms the loss";
			}
			return null;
		}

	}

}
