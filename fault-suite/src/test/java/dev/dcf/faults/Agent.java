package dev.dcf.faults;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A container agent, as in production: {@code java -jar dcf-container-agent-*-exec.jar}
 * with a fixed id, a label {@code node=<node>} jobs can target, and its own Docker
 * daemon.
 */
final class Agent {

	final String id;

	final String node;

	final String dockerHost;

	private final JavaProcess process;

	private final List<String> baseArguments;

	Agent(Path logs, String id, String node, String dockerHost, String bootstrapServers, String registryUrl) {
		this.id = id;
		this.node = node;
		this.dockerHost = dockerHost;
		Path workDir = logs.resolve(id);
		this.process = JavaProcess.jar(id, logs.resolve(id + ".log"), workDir, Classpath.execJar("dcf-container-agent"),
				"192m");
		this.baseArguments = List.of("--dcf.agent.id=" + id, "--dcf.agent.id-file=" + workDir.resolve("data/agent-id"),
				"--dcf.agent.labels.node=" + node, "--dcf.agent.docker-host=" + dockerHost,
				"--dcf.agent.docker-network=host", "--dcf.agent.generator-bootstrap-servers=" + bootstrapServers,
				"--spring.kafka.bootstrap-servers=" + bootstrapServers, "--dcf.schema-registry.url=" + registryUrl,
				"--spring.main.banner-mode=off");
		this.process.arguments(this.baseArguments);
	}

	/** Starts with the normal arguments plus {@code extra} (e.g. a testing switch). */
	void start(String... extra) {
		List<String> arguments = new ArrayList<>(this.baseArguments);
		arguments.addAll(List.of(extra));
		this.process.arguments(arguments);
		this.process.start();
	}

	void kill() {
		this.process.kill();
	}

	void stop() {
		this.process.stop(20);
	}

	void freeze() {
		this.process.freeze();
	}

	void thaw() {
		this.process.thaw();
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	@Override
	public String toString() {
		return this.id;
	}

}
