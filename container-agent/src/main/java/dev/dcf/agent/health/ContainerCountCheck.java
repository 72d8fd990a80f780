package dev.dcf.agent.health;

import dev.dcf.agent.config.ManagedLabels;
import dev.dcf.agent.runtime.ContainerRuntime;

/**
 * The agent runs no more containers than {@code max-containers}. Being exactly full is
 * healthy (CREATE is then refused for capacity, with its own reason); being over the
 * limit (e.g. after the limit was lowered) is not.
 */
class ContainerCountCheck implements HealthCheck {

	static final String NAME = "containers";

	private final ContainerRuntime runtime;

	private final String agentId;

	private final int max;

	ContainerCountCheck(ContainerRuntime runtime, String agentId, int max) {
		this.runtime = runtime;
		this.agentId = agentId;
		this.max = max;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public CheckResult check() {
		long active;
		try {
			active = this.runtime.summaries(ManagedLabels.AGENT_ID, this.agentId)
				.stream()
				.filter(ActiveContainers::isActive)
				.count();
		}
		catch (RuntimeException ex) {
			return CheckResult.failed(NAME, "cannot count containers: " + ex.getMessage());
		}
		String seen = active + " of at most " + this.max + " containers active";
		return (active <= this.max) ? CheckResult.passed(NAME, seen) : CheckResult.failed(NAME, "too many: " + seen);
	}

}
