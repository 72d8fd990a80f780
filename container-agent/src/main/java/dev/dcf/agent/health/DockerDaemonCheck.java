package dev.dcf.agent.health;

import java.time.Duration;

import dev.dcf.agent.runtime.ContainerRuntime;
import dev.dcf.agent.runtime.DaemonInfo;

/**
 * The Docker daemon answers. Without it the agent can neither start nor watch containers.
 */
public class DockerDaemonCheck implements HealthCheck {

	public static final String NAME = "docker";

	private final ContainerRuntime runtime;

	public DockerDaemonCheck(ContainerRuntime runtime) {
		this.runtime = runtime;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public String noAnswer(Duration bound) {
		return "Docker daemon did not answer within " + bound.toMillis() + " ms";
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
