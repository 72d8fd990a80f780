package dev.dcf.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.dcf.faults.DockerView.ManagedContainer;
import dev.dcf.testsupport.TestImages;
import dev.dcf.testsupport.TcpProxy;

import static org.awaitility.Awaitility.await;

/**
 * Everything the scenarios share, started once: PostgreSQL, the broker, the schema
 * registry, the handler, a second Docker daemon and two agents (agent 1 on the machine's
 * daemon, agent 2 on the second one). The handler and each agent reach Kafka through a
 * proxy of their own, so each can be cut off alone. {@link #close()} runs from
 * {@code @AfterAll} and from a JVM shutdown hook, so no process, container or directory
 * of the suite outlives it, even when a test fails.
 */
final class FaultEnvironment implements AutoCloseable {

	static final String MACHINE_DOCKER = "unix:///var/run/docker.sock";

	static final Path LOGS = Path.of("target", "fault-suite").toAbsolutePath();

	/**
	 * The agents' heartbeat interval in the suite (default 5 s): short, so that the agent
	 * timeout can be short while it still spans several heartbeats.
	 */
	static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(2);

	/**
	 * The handler's {@code dcf.handler.agent-timeout} in the suite (default 20 s): eight
	 * heartbeats. It must outlast an agent's kill and restart (scenarios 6, 8, 12, 14):
	 * at most one heartbeat interval plus the restart, 3 to 6 s measured on a loaded
	 * machine with {@link ClassDataSharing} and the priority of {@link JavaProcess}, once
	 * 11 s in a load spike (too much for 12 s). The scenarios' outages are sized against
	 * it.
	 */
	static final Duration AGENT_TIMEOUT = Duration.ofSeconds(16);

	/**
	 * How long a fault that must not make anyone LOST lasts: one and a half agent
	 * timeouts, i.e. 8 s (eight liveness checks, four heartbeats) past the moment the
	 * handler would wrongly judge; longer only costs the suite's time (it was twice, and
	 * the suite ran the longest in CI).
	 */
	static final Duration OUTAGE = AGENT_TIMEOUT.multipliedBy(3).dividedBy(2);

	final Path workspace;

	final PrivatePostgres postgres;

	final SecondDockerDaemon dockerd2;

	final Broker broker;

	final TcpProxy proxy;

	final Registry registry;

	final Handler handler;

	final Agent agent1;

	final Agent agent2;

	final HandlerApi api;

	final DockerView docker1;

	final DockerView docker2;

	final Checker checker;

	private final Thread shutdownHook = new Thread(this::close, "fault-suite-cleanup");

	private boolean closed;

	private FaultEnvironment() {
		this.workspace = shortWorkspace();
		this.postgres = new PrivatePostgres(this.workspace, LOGS);
		this.dockerd2 = new SecondDockerDaemon(this.workspace.resolve("d"), LOGS);
		this.broker = new Broker(LOGS, LOGS.resolve("kafka-data"));
		this.proxy = this.broker.proxiedListener("HANDLER");
		this.registry = new Registry(LOGS, this.broker.bootstrapServers());
		this.handler = new Handler(LOGS, "localhost:" + this.proxy.port(), this.registry.url(), this.postgres);
		this.agent1 = new Agent(LOGS, "fault-a1", "a1", MACHINE_DOCKER, this.broker.proxiedListener("AGENT1"),
				this.broker.bootstrapServers(), this.registry.url());
		this.agent2 = new Agent(LOGS, "fault-a2", "a2", this.dockerd2.host(), this.broker.proxiedListener("AGENT2"),
				this.broker.bootstrapServers(), this.registry.url());
		this.api = new HandlerApi(this.handler.port, "admin", Handler.ADMIN_PASSWORD);
		this.docker1 = new DockerView("docker-1", MACHINE_DOCKER);
		this.docker2 = new DockerView("docker-2", this.dockerd2.host());
		this.checker = new Checker(this.api, List.of(this.docker1, this.docker2),
				Set.of(this.agent1.id, this.agent2.id));
	}

	/** Starts everything and waits until both agents are HEALTHY at the handler. */
	static FaultEnvironment start() {
		prepareLogs();
		FaultEnvironment environment = new FaultEnvironment();
		Runtime.getRuntime().addShutdownHook(environment.shutdownHook);
		try {
			environment.startAll();
			return environment;
		}
		catch (RuntimeException | Error ex) {
			environment.close();
			throw ex;
		}
	}

	private void startAll() {
		TestImages.ensureBuilt();
		ExecutorService starters = Executors.newFixedThreadPool(4);
		try {
			// the second daemon and its image copy take a while: in parallel with the
			// JVMs
			CompletableFuture<Void> secondDaemon = CompletableFuture.runAsync(() -> {
				this.dockerd2.startAndAwait();
				this.dockerd2.load(TestImages.GENERATOR);
			}, starters);
			CompletableFuture<Void> database = CompletableFuture.runAsync(() -> {
				this.postgres.init();
				this.postgres.start();
			}, starters);
			CompletableFuture<ClassDataSharing> agentJars = CompletableFuture.supplyAsync(() -> ClassDataSharing
				.extract("agent", Classpath.execJar("dcf-container-agent"), this.workspace.resolve("agent-jar")),
					starters);
			this.broker.start();
			this.registry.start();
			// the agents need Kafka only, the handler the database too: side by side
			CompletableFuture<Void> agents = CompletableFuture.runAsync(() -> {
				ClassDataSharing jars = agentJars.join();
				jars.train(LOGS, Agent.HEAP, this.agent1.trainingArguments(trainingIdFile()));
				this.agent1.startFrom(jars);
				this.agent2.startFrom(jars);
				this.agent1.start();
				secondDaemon.join();
				this.agent2.start();
			}, starters);
			database.join();
			this.handler.start();
			agents.join();
		}
		finally {
			starters.shutdownNow();
		}
		awaitAgentsHealthy(Duration.ofSeconds(180));
	}

	/** The id file of the agents' training run: an id no scenario knows. */
	private Path trainingIdFile() {
		Path idFile = this.workspace.resolve("agent-training").resolve("agent-id");
		try {
			Files.createDirectories(idFile.getParent());
			Files.writeString(idFile, "fault-training\n", StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return idFile;
	}

	void awaitAgentsHealthy(Duration timeout) {
		await().alias("agents fault-a1 and fault-a2 HEALTHY")
			.atMost(timeout)
			.pollInterval(Duration.ofMillis(500))
			.ignoreExceptions()
			.until(() -> agentsHealthy());
	}

	/**
	 * Before a scenario: both agents HEALTHY. An agent a scenario left hung (e.g. stuck
	 * on a daemon that came back) is restarted, so that one broken scenario does not fail
	 * the ones after it.
	 * @return the agents that had to be restarted
	 */
	List<String> heal() {
		try {
			awaitAgentsHealthy(Duration.ofSeconds(30));
			return List.of();
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			List<String> restarted = new ArrayList<>();
			for (Agent agent : List.of(this.agent1, this.agent2)) {
				Object status = null;
				try {
					status = this.api.agent(agent.id).get("status");
				}
				catch (RuntimeException unknown) {
					// restart it anyway
				}
				if (!"HEALTHY".equals(status)) {
					agent.kill();
					agent.start();
					restarted.add(agent.id);
				}
			}
			awaitAgentsHealthy(Duration.ofSeconds(90));
			return restarted;
		}
	}

	boolean agentsHealthy() {
		return this.api.agents()
			.stream()
			.filter((agent) -> List.of(this.agent1.id, this.agent2.id).contains(agent.get("id")))
			.filter((agent) -> "HEALTHY".equals(agent.get("status")))
			.count() == 2;
	}

	Agent agent(String id) {
		return List.of(this.agent1, this.agent2)
			.stream()
			.filter((agent) -> agent.id.equals(id))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("no agent " + id + " in the suite"));
	}

	Agent otherThan(Agent agent) {
		return (agent == this.agent1) ? this.agent2 : this.agent1;
	}

	DockerView dockerOf(Agent agent) {
		return (agent == this.agent1) ? this.docker1 : this.docker2;
	}

	/** The running containers of the suite's agents, on both daemons. */
	List<ManagedContainer> containers() {
		List<ManagedContainer> all = new ArrayList<>(this.docker1.containers());
		all.addAll(this.docker2.containers());
		return all.stream()
			.filter((container) -> List.of(this.agent1.id, this.agent2.id).contains(container.agentId()))
			.toList();
	}

	/** Force-removes the containers of the given jobs, on both daemons. */
	void removeContainersOf(List<String> jobIds) {
		for (DockerView daemon : List.of(this.docker1, this.docker2)) {
			daemon.remove(daemon.containers()
				.stream()
				.filter((container) -> jobIds.contains(container.jobId()))
				.map(ManagedContainer::id)
				.toList());
		}
	}

	private static Path shortWorkspace() {
		try {
			// under /tmp, not target/: the second daemon's unix sockets need short paths;
			// readable by the postgres user, who runs the private cluster
			Path workspace = Files.createTempDirectory(Path.of("/tmp"), "dcf-f-");
			Files.setPosixFilePermissions(workspace, PosixFilePermissions.fromString("rwxr-xr-x"));
			return workspace;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the workspace under /tmp", ex);
		}
	}

	/** Logs and broker data of an earlier run go: each run starts from nothing. */
	private static void prepareLogs() {
		Shell.run(List.of("rm", "-rf", LOGS.toString()), 60);
		try {
			Files.createDirectories(LOGS);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		List<Runnable> steps = List.of(this.agent1::kill, this.agent2::kill,
				() -> this.docker1.remove(this.docker1.containers()
					.stream()
					.filter((container) -> List.of(this.agent1.id, this.agent2.id).contains(container.agentId()))
					.map(ManagedContainer::id)
					.toList()),
				this.handler::stop, this.registry::stop, this.broker::stop, this.proxy::close,
				this.agent1.kafkaLink::close, this.agent2.kafkaLink::close, this.postgres::close, this.dockerd2::close,
				() -> Shell.tryRun(List.of("rm", "-rf", this.workspace.toString()), 120));
		for (Runnable step : steps) {
			try {
				step.run();
			}
			catch (RuntimeException ex) {
				// every step runs, whatever the others did
				System.err.println("fault suite cleanup: " + ex);
			}
		}
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException ex) {
			// closing from the hook itself
		}
	}

	/**
	 * A baseline job: one per agent for the whole suite. It waits for its agent when the
	 * agent is lost (there is no other agent with its label), so a scenario that silences
	 * an agent sees it resume when the agent returns.
	 */
	static Map<String, Object> baselineJob(String name, Agent agent) {
		Map<String, Object> job = generatorJob(name, agent);
		job.put("onAgentLost", "wait");
		return job;
	}

	/** The job body of a generator job for one agent (by its label), started at once. */
	static Map<String, Object> generatorJob(String name, Agent agent) {
		Map<String, Object> job = new java.util.LinkedHashMap<>();
		job.put("name", name);
		job.put("image", TestImages.GENERATOR);
		job.put("topic", "fault-suite");
		job.put("containers", 2);
		job.put("cpuLimit", 0.2);
		// 64 MB got the sample generator's JVM OOM-killed (exit 137) within minutes, a
		// failure no fault caused
		job.put("memoryLimitMb", 128);
		job.put("durationSeconds", 3600);
		job.put("env", Map.of("RATE", "5"));
		if (agent != null) {
			job.put("agentLabels", Map.of("node", agent.node));
		}
		job.put("start", true);
		return job;
	}

}
