package dev.dcf.agent.reconcile;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.dcf.agent.config.ManagedLabels;
import dev.dcf.agent.report.ContainerReport;
import dev.dcf.agent.runtime.ContainerRuntime;
import dev.dcf.agent.runtime.ManagedContainer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * On start, finds the containers this agent left running (by label {@code dcf.agent-id})
 * and adopts them as they are: nothing is restarted, recreated or removed here. They are
 * reported by the first heartbeat, which follows right after this, and exits that
 * happened while the agent was down are reported by the exit watcher's first sweep. A
 * CREATE redelivered later finds them by name, so no second copy is ever started.
 * Deciding which containers should not run any more is the handler's job (it knows the
 * jobs).
 */
class StartupReconciler implements SmartLifecycle {

	/** After the exit watcher subscribed, before the first heartbeat. */
	static final int PHASE = 1;

	private static final Logger log = LoggerFactory.getLogger(StartupReconciler.class);

	private final ContainerRuntime runtime;

	private final String agentId;

	private volatile boolean running;

	StartupReconciler(ContainerRuntime runtime, String agentId) {
		this.runtime = runtime;
		this.agentId = agentId;
	}

	@Override
	public void start() {
		this.running = true;
		try {
			List<ManagedContainer> found = this.runtime.list(ManagedLabels.AGENT_ID, this.agentId);
			log.info("Found {} containers of agent {}: {}", found.size(), this.agentId, summary(found));
		}
		catch (RuntimeException ex) {
			log.warn("Docker did not answer at start ({}); containers are reported once it does", ex.getMessage());
		}
		catch (Error ex) {
			// only a log line depends on it; the heartbeat reports the containers anyway
			log.error("Looking for this agent's containers failed; they are reported once Docker answers", ex);
		}
	}

	/** {@code {job-1=[dcf-job-1-0 RUNNING], ...}} for the log. */
	static Map<String, List<String>> summary(List<ManagedContainer> containers) {
		return containers.stream()
			.map(ContainerReport::of)
			.collect(Collectors.groupingBy(ContainerReport::jobId, TreeMap::new,
					Collectors.mapping((report) -> report.name() + " " + report.state(), Collectors.toList())));
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
