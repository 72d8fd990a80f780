package dev.dcf.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dcf.agent.ContainerAgentApplication;
import dev.dcf.agent.config.AgentIdentity;
import dev.dcf.handler.JobHandlerApplication;
import dev.dcf.schemes.registry.RegistryClientConfig;
import dev.dcf.standalone.AgentCheckIn.AgentSeen;
import dev.dcf.standalone.embedded.EmbeddedKafka;
import dev.dcf.standalone.embedded.EmbeddedSchemaRegistry;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * All of DCF in this JVM. {@link #start()} brings up the embedded Kafka broker, then the
 * embedded schema registry, and meanwhile the job handler and one container agent side by
 * side (each app in its own Spring context, held before anything in it starts until the
 * broker and registry serve: {@link Prerequisite}); {@link #close()} stops them in
 * reverse order: the agent first (it stops and removes its containers), then the handler,
 * the registry and the broker.
 * <p>
 * Thread safety: {@code close} is idempotent and may come from a shutdown hook while
 * {@code start} still runs: it then waits for the step in progress, {@code start} gives
 * up, and what was started is stopped.
 */
final class Standalone implements AutoCloseable {

	/**
	 * Agent setting that makes it stop and remove its containers when it shuts down (a
	 * standalone agent's containers must not outlive the JVM that runs it).
	 */
	static final String REMOVE_CONTAINERS_ON_SHUTDOWN = "dcf.agent.remove-containers-on-shutdown";

	private static final Logger log = LoggerFactory.getLogger(Standalone.class);

	private static final String KAFKA_PARTS = "The embedded Kafka broker and schema registry";

	private final StandaloneSettings settings;

	private final AdminLogin login;

	private final String[] args;

	private final GeneratorImage generatorImage;

	private final Clock clock;

	private EmbeddedKafka kafka;

	/** The broker's users; null when it does not authenticate. */
	private KafkaLogins logins;

	private EmbeddedSchemaRegistry registry;

	/** What the apps were given, before the broker and registry started. */
	private String bootstrapServers;

	private String registryUrl;

	private ConfigurableApplicationContext handler;

	private ConfigurableApplicationContext agent;

	private volatile boolean closing;

	private boolean closed;

	/**
	 * @param clock the clock of this JVM, which the handler stamps heartbeats with
	 */
	Standalone(StandaloneSettings settings, AdminLogin login, String[] args, GeneratorImage generatorImage,
			Clock clock) {
		this.settings = settings;
		this.login = login;
		this.args = args.clone();
		this.generatorImage = generatorImage;
		this.clock = clock;
	}

	/**
	 * Starts everything and waits until the handler has seen the agent (at most the ready
	 * timeout).
	 * @return what the ready message shows
	 * @throws IllegalStateException if a part does not start or {@link #close()} came
	 * first; the caller then closes
	 */
	Ready start() throws InterruptedException {
		Ports.requireFree(this.settings.kafkaPort(), "Kafka broker", "DCF_STANDALONE_KAFKA_PORT");
		Ports.requireFree(this.settings.registryPort(), "schema registry", "DCF_STANDALONE_REGISTRY_PORT");
		Ports.requireFree(this.settings.httpPort(), "job handler", "DCF_STANDALONE_HTTP_PORT");
		CompletableFuture<String> image = CompletableFuture.supplyAsync(this.generatorImage::ensure);
		Instant agentStarting;
		synchronized (this) {
			createDirectories(this.settings.dataDir());
			this.logins = this.settings.kafkaAuth() ? kafkaLogins() : null;
			checkOpen();
			EmbeddedKafka.Builder broker = EmbeddedKafka.builder()
				.port(this.settings.kafkaPort())
				.logDir(this.settings.dataDir().resolve("kafka"));
			if (this.logins != null) {
				broker.auth(this.logins.auth());
			}
			this.kafka = broker.build();
			this.bootstrapServers = this.kafka.bootstrapServers();
			this.registry = EmbeddedSchemaRegistry.builder()
				.port(this.settings.registryPort())
				.bootstrapServers(this.bootstrapServers)
				.kafkaClientProperties(this.kafka.adminProperties())
				// with Kafka's logins, a schema only from a Kafka user allowed its topic
				.authorizeWrites(this.logins != null)
				.build();
			this.registryUrl = this.registry.url();
			agentStarting = this.clock.instant();
			// The contexts create their beans (most of a start: class loading, JPA,
			// Flyway, Docker) while the broker and registry start, and wait for them
			// before anything in them starts (Prerequisite). The agent needs only the
			// broker, the registry and Docker: its context starts beside the handler's.
			CompletableFuture<Void> kafkaUp = CompletableFuture.runAsync(this::startKafka,
					(task) -> new Thread(task, "dcf-kafka-start").start());
			FutureTask<ConfigurableApplicationContext> agentStart = new FutureTask<>(
					() -> agentApp().after(kafkaUp, KAFKA_PARTS).run(this.args));
			new Thread(agentStart, "dcf-agent-start").start();
			try {
				this.handler = handlerApp().after(kafkaUp, KAFKA_PARTS).run(this.args);
			}
			catch (RuntimeException ex) {
				// the caller closes: the agent too, once it is up, and the broker once
				// its start ended
				this.agent = awaitAgent(agentStart).orElse(null);
				Throwable kafkaFailure = kafkaUp
					.handle((done, failure) -> (failure instanceof CompletionException) ? failure.getCause() : failure)
					.join();
				throw (kafkaFailure != null) ? new IllegalStateException(KAFKA_PARTS + " did not start", kafkaFailure)
						: ex;
			}
			logStarted("job handler", this.handler);
			this.agent = awaitAgent(agentStart)
				.orElseThrow(() -> new IllegalStateException("The agent did not start (see above)"));
			logStarted("agent", this.agent);
		}
		String agentId = this.agent.getBean(AgentIdentity.class).id();
		String user = this.handler.getEnvironment().getProperty("dcf.security.admin-user", "admin");
		String password = this.login.generated() ? this.login.password()
				: this.handler.getEnvironment().getProperty(AdminLogin.PASSWORD_PROPERTY);
		URI url = URI.create("http://localhost:" + this.handler.getEnvironment().getProperty("local.server.port"));
		Optional<AgentSeen> seen = new AgentCheckIn(url, user, password).await(agentId, agentStarting,
				this.settings.readyTimeout(), () -> !this.closing);
		checkOpen();
		return new Ready(url, user, this.login, this.kafka.bootstrapServers(), this.registry.url(),
				this.settings.dataDir(), agentId, seen.map(AgentSeen::describe).orElse("not seen by the handler yet"),
				image.join(), (this.logins != null) ? this.logins.clientFile() : null);
	}

	/**
	 * Starts the broker, then the registry, at the addresses the apps were given.
	 */
	private void startKafka() {
		this.kafka.start();
		checkOpen();
		this.registry.start();
		if (!this.kafka.bootstrapServers().equals(this.bootstrapServers)
				|| !this.registry.url().equals(this.registryUrl)) {
			// only a port picked by the broker or registry (port 0) can move, when it was
			// taken in between
			throw new IllegalStateException("The embedded broker or registry had to move to another port ("
					+ this.kafka.bootstrapServers() + ", " + this.registry.url() + "); start again");
		}
	}

	private KafkaLogins kafkaLogins() {
		try {
			return KafkaLogins.loadOrCreate(this.settings.dataDir());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot keep the Kafka logins in " + this.settings.dataDir(), ex);
		}
	}

	/**
	 * The agent's context once its start ended, empty (and logged) if it failed.
	 */
	private static Optional<ConfigurableApplicationContext> awaitAgent(FutureTask<ConfigurableApplicationContext> start)
			throws InterruptedException {
		try {
			return Optional.of(start.get());
		}
		catch (ExecutionException ex) {
			log.error("The agent did not start", ex.getCause());
			return Optional.empty();
		}
	}

	/** The handler's context, null before it started. */
	ConfigurableApplicationContext handlerContext() {
		return this.handler;
	}

	/** The agent's context, null before it started. */
	ConfigurableApplicationContext agentContext() {
		return this.agent;
	}

	/** True once {@link #close()} was called. */
	boolean isClosing() {
		return this.closing;
	}

	EmbeddedApp handlerApp() {
		EmbeddedApp app = new EmbeddedApp(JobHandlerApplication.class)
			.fixed("spring.kafka.bootstrap-servers", this.bootstrapServers)
			.fixed("dcf.schema-registry.url", registryUrl(KafkaLogins.SERVICE))
			.fixed(StandaloneSettings.DATA_DIR, this.settings.dataDir().toString())
			.byDefault("server.port", this.settings.httpPort());
		if (this.login.generated()) {
			app.fixed(AdminLogin.PASSWORD_PROPERTY, this.login.password());
		}
		if (this.logins != null) {
			this.logins.springProperties(KafkaLogins.SERVICE).forEach(app::fixed);
			app.fixed("dcf.kafka.agent-principals", KafkaLogins.AGENT)
				.byDefault("dcf.kafka.run-principals.enabled", "true");
		}
		return app;
	}

	EmbeddedApp agentApp() {
		EmbeddedApp app = new EmbeddedApp(ContainerAgentApplication.class);
		if (this.logins != null) {
			this.logins.springProperties(KafkaLogins.AGENT).forEach(app::fixed);
		}
		return app.fixed("spring.kafka.bootstrap-servers", this.bootstrapServers)
			.fixed("dcf.schema-registry.url", registryUrl(KafkaLogins.AGENT))
			.fixed("spring.autoconfigure.exclude",
					String.join(",", AgentAutoConfigurations.exclusions(getClass().getClassLoader())))
			.fixed(REMOVE_CONTAINERS_ON_SHUTDOWN, "true")
			.byDefault("dcf.agent.id-file", this.settings.dataDir().resolve("agent-id").toString())
			.byDefault("dcf.agent.docker-network", "host")
			// host network: containers reach the embedded broker where the agent does
			.byDefault("dcf.agent.generator-bootstrap-servers", this.bootstrapServers)
			.byDefault("dcf.agent.generator-schema-registry-url", this.registryUrl);
	}

	/**
	 * The registry as {@code user} sees it: with its Kafka login when Kafka has logins.
	 */
	private String registryUrl(String user) {
		return (this.logins != null)
				? RegistryClientConfig.of(this.registryUrl).withUserInfo(this.logins.auth().basicUserInfo(user)).url()
				: this.registryUrl;
	}

	/** Stops what runs, agent first; see {@link #stop()}. */
	@Override
	public void close() {
		stop();
	}

	/**
	 * Stops what runs, agent first. Every step runs even if an earlier one failed. Waits
	 * for a start step in progress.
	 * @return true if every step succeeded (also when already stopped)
	 */
	boolean stop() {
		this.closing = true;
		synchronized (this) {
			if (this.closed) {
				return true;
			}
			this.closed = true;
			List<String> failed = new ArrayList<>();
			step(failed, "agent", this.agent, () -> this.agent.close());
			step(failed, "job handler", this.handler, () -> this.handler.close());
			step(failed, "schema registry", this.registry, () -> this.registry.close());
			step(failed, "Kafka broker", this.kafka, () -> this.kafka.close());
			if (failed.isEmpty()) {
				log.info("DCF stopped");
				return true;
			}
			log.error("DCF stopped, but stopping the {} failed (see above)", String.join(", ", failed));
			return false;
		}
	}

	private static void step(List<String> failed, String name, Object part, Runnable stop) {
		if (part == null) {
			return;
		}
		log.info("Stopping the {}", name);
		try {
			stop.run();
		}
		catch (RuntimeException ex) {
			log.error("Stopping the {} failed", name, ex);
			failed.add(name);
		}
	}

	/** The name comes from the app's own application.yaml: proof it was read. */
	private static void logStarted(String what, ConfigurableApplicationContext context) {
		log.info("Started the {} ({}, settings from {})", what,
				context.getEnvironment().getProperty("spring.application.name"),
				context.getEnvironment().getProperty("spring.config.location"));
	}

	private void checkOpen() {
		if (this.closing) {
			throw new IllegalStateException("DCF is shutting down");
		}
	}

	private static void createDirectories(Path dir) {
		try {
			Files.createDirectories(dir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the data directory " + dir, ex);
		}
	}

}
