package dev.dcf.agent.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import dev.dcf.agent.runtime.ContainerRuntime;
import dev.dcf.agent.runtime.ManagedContainer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The id of an agent whose id file is missing: before a fresh UUID, the agent looks at
 * the daemon's {@code dcf.managed} containers, so that losing the file (a wiped volume, a
 * re-created agent container) does not turn its running containers into orphans of an
 * agent that never comes back.
 *
 * <p>
 * Which containers count: only those labelled with this agent's id file path
 * ({@code dcf.agent-id-file}, set on every container of an agent whose id comes from the
 * file). Containers without that label (agents with a configured id, agents older than
 * the label) and those of other id files never count: a brand-new agent on a daemon that
 * other agents share must not take one of their ids. If the counted containers carry
 * exactly one agent id, it is taken back; if several, the agent does not guess and starts
 * with a new id (its heartbeat lists the others with their agent ids, the handler decides
 * about them).
 */
final class AgentIdRecovery implements Supplier<String> {

	private static final Logger log = LoggerFactory.getLogger(AgentIdRecovery.class);

	private static final Pattern VALID = Pattern.compile(AgentProperties.ID_PATTERN);

	private final ContainerRuntime runtime;

	private final String idFile;

	private final Supplier<String> newId;

	AgentIdRecovery(ContainerRuntime runtime, String idFile) {
		this(runtime, idFile, () -> UUID.randomUUID().toString());
	}

	AgentIdRecovery(ContainerRuntime runtime, String idFile, Supplier<String> newId) {
		this.runtime = runtime;
		this.idFile = idFile;
		this.newId = newId;
	}

	/** The recovered id, or a new one. Called only when the id file is missing. */
	@Override
	public String get() {
		List<ManagedContainer> containers;
		try {
			containers = this.runtime.list(ManagedLabels.MANAGED, "true");
		}
		catch (RuntimeException ex) {
			String id = this.newId.get();
			log.warn("Agent id file {} is missing and Docker does not answer ({}): cannot look for containers of an "
					+ "earlier agent, starting with the new id {}", this.idFile, ex.getMessage(), id);
			return id;
		}
		Optional<String> recovered = recoverable(containers, this.idFile);
		if (recovered.isPresent()) {
			log.warn("Agent id file {} is missing: taking back agent id {} from the labels of its containers on "
					+ "this Docker daemon (it is written to the file again)", this.idFile, recovered.get());
			return recovered.get();
		}
		String id = this.newId.get();
		Set<String> ids = agentIds(candidates(containers, this.idFile));
		if (ids.size() > 1) {
			log.warn("Agent id file {} is missing and this daemon has containers of several agents {}: not guessing, "
					+ "starting with the new id {}", this.idFile, ids, id);
		}
		else {
			log.info("Agent id file {} is missing and no container of an earlier agent was found: new agent id {}",
					this.idFile, id);
		}
		return id;
	}

	/**
	 * The id to take back from these containers, if exactly one agent's containers count
	 * (see the class comment). Pure.
	 */
	static Optional<String> recoverable(List<ManagedContainer> containers, String idFile) {
		Set<String> ids = agentIds(candidates(containers, idFile));
		return (ids.size() == 1) ? Optional.of(ids.iterator().next()) : Optional.empty();
	}

	private static List<ManagedContainer> candidates(List<ManagedContainer> containers, String idFile) {
		return containers.stream()
			.filter((container) -> Objects.equals(idFile, container.labels().get(ManagedLabels.AGENT_ID_FILE)))
			.toList();
	}

	/** Only ids this agent could have had; a label that is no valid id counts as none. */
	private static Set<String> agentIds(List<ManagedContainer> containers) {
		Set<String> ids = new TreeSet<>();
		for (ManagedContainer container : containers) {
			String id = container.labels().get(ManagedLabels.AGENT_ID);
			if (id != null && VALID.matcher(id).matches()) {
				ids.add(id);
			}
		}
		return ids;
	}

}
