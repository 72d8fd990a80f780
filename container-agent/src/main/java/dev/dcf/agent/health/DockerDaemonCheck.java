package dev.dcf.agent.health;

import dev.dcf.agent.runtime.ContainerRuntime;
import dev.dcf.agent.runtime.DaemonInfo;

/**
 * The Docker daemon answers. Without it the agent can neither start nor watch containers.
 */
class DockerDaemonCheck implements HealthCheck {

	static final String NAME = "docker";

	private final ContainerRuntime runtime;

	DockerDaemonCheck(ContainerRuntime runtime) {
		this.runtime = runtime;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public CheckResult check() {
		try {
			DaemonInfo info = this.runtime.info();
			return CheckResult.passed(NAME, "Docker " + info.version() + " (API " + info.apiVersion() + ")");
		}
		catch (RuntimeException ex) {
			return CheckResult.failed(NAME, "Docker daemon not reachable: " + ex.getMessage());
		}
	}

}
