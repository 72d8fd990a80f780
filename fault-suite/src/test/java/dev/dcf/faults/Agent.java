package dev.dcf.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import dev.dcf.testsupport.TcpProxy;

/**
 * A container agent, as in production: {@code java -jar dcf-container-agent-*-exec.jar}
 * with its id in an id file (written before the first start, so the suite knows it; the
 * agent's containers then carry the file's path and the agent can take its id back from
 * them when the file is lost), a label {@code node=<node>} jobs can target, its own
 * Docker daemon, and Kafka through a proxy of its own (so that it alone can be cut off;
 * its generators reach the broker directly).
 */
final class Agent {

	static final String HEAP = "192m";

	final String id;

	final String node;

	final String dockerHost;

	/** Between this agent and the broker. */
	final TcpProxy kafkaLink;

	private final Path idFile;

	private final JavaProcess process;

	private final List<String> baseArguments;

	Agent(Path logs, String id, String node, String dockerHost, TcpProxy kafkaLink, String generatorBootstrapServers,
			String registryUrl) {
		this.id = id;
		this.node = node;
		this.dockerHost = dockerHost;
		this.kafkaLink = kafkaLink;
		Path workDir = logs.resolve(id);
		this.idFile = workDir.resolve("data/agent-id");
		this.process = JavaProcess.jar(id, logs.resolve(id + ".log"), workDir, Classpath.execJar("dcf-container-agent"),
				HEAP);
		// a short deadline grace keeps the deadline scenario short; a short heartbeat
		// interval lets the handler's agent timeout be short (FaultEnvironment)
		List<String> arguments = new ArrayList<>(List.of("--dcf.agent.id-file=" + this.idFile,
				"--dcf.agent.labels.node=" + node, "--dcf.agent.docker-host=" + dockerHost,
				"--dcf.agent.docker-network=host",
				"--dcf.agent.heartbeat-interval=" + FaultEnvironment.HEARTBEAT_INTERVAL.toMillis() + "ms",
				"--dcf.agent.deadline-grace=5s", "--dcf.agent.generator-bootstrap-servers=" + generatorBootstrapServers,
				"--spring.kafka.bootstrap-servers=localhost:" + kafkaLink.port(),
				"--dcf.schema-registry.url=" + SuiteLogins.registryUrl(registryUrl, SuiteLogins.AGENT),
				"--spring.main.banner-mode=off"));
		// confined to the ACLs the handler grants agents, as an agent on another host is
		arguments.addAll(SuiteLogins.springArguments(SuiteLogins.AGENT));
		this.baseArguments = List.copyOf(arguments);
		writeIdFile();
	}

	/** Starts with the normal arguments plus {@code extra} (e.g. a testing switch). */
	void start(String... extra) {
		List<String> arguments = new ArrayList<>(this.baseArguments);
		arguments.addAll(List.of(extra));
		this.process.arguments(arguments);
		this.process.start();
	}

	/** From the next start on, runs the extracted jar with its archive. */
	void startFrom(ClassDataSharing jars) {
		this.process.launch(jars.launch(HEAP));
	}

	/**
	 * The arguments of a training run ({@link ClassDataSharing#train}): this agent's,
	 * with an id file of its own, so that nothing of this agent is touched.
	 */
	List<String> trainingArguments(Path idFile) {
		return this.baseArguments.stream()
			.map((argument) -> argument.startsWith("--dcf.agent.id-file=") ? "--dcf.agent.id-file=" + idFile : argument)
			.toList();
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

	/** Loses the id file, as a recreated agent container without its volume would. */
	void deleteIdFile() {
		try {
			Files.deleteIfExists(this.idFile);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The id in the id file, {@code null} if there is none. */
	String idInFile() {
		try {
			return Files.exists(this.idFile) ? Files.readString(this.idFile, StandardCharsets.UTF_8).strip() : null;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void writeIdFile() {
		try {
			Files.createDirectories(this.idFile.getParent());
			Files.writeString(this.idFile, this.id + "\n", StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public String toString() {
		return this.id;
	}

}
