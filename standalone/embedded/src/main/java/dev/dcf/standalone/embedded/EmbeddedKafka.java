package dev.dcf.standalone.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker and KRaft controller in this process (combined mode, one node, no
 * ZooKeeper), listening on {@code localhost}.
 * <p>
 * Lifecycle: {@link #start()} formats the log directory on first use and returns once the
 * broker answers clients; {@link #stop()} shuts it down cleanly and frees its ports;
 * {@link #start()} again comes back on the same ports with the same data.
 * {@link #close()} stops and deletes the log directory if it was a temporary one. All
 * methods are thread safe; {@code start} and {@code stop} are no-ops when already in that
 * state.
 * <p>
 * A port of {@code 0} means "pick a free port once": the port is chosen at the first call
 * to {@link #port()} or {@link #start()} and kept for the life of this object, so clients
 * and containers keep their bootstrap address across restarts.
 */
public final class EmbeddedKafka implements AutoCloseable {

	/** Default client port, as in the Kafka distribution. */
	public static final int DEFAULT_PORT = 9092;

	static final int NODE_ID = 1;

	static final String CONTROLLER_LISTENER = "CONTROLLER";

	static final String AUTH_LISTENER = "SASL_PLAINTEXT";

	private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

	private static final int BIND_ATTEMPTS = 3;

	private final int requestedPort;

	private final Path requestedLogDir;

	private final String host;

	private final Duration startTimeout;

	private final Map<String, String> overrides;

	private final BrokerAuth auth;

	private int port = -1;

	private int controllerPort = -1;

	private Path logDir;

	private boolean temporaryLogDir;

	private KafkaRaftServer server;

	private boolean everStarted;

	private boolean closed;

	private EmbeddedKafka(Builder builder) {
		this.requestedPort = builder.port;
		this.requestedLogDir = builder.logDir;
		this.host = builder.host;
		this.startTimeout = builder.startTimeout;
		this.overrides = Map.copyOf(builder.overrides);
		this.auth = builder.auth;
	}

	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Starts the broker (formatting its log directory on first use) and waits until it
	 * answers a {@code describeCluster} request, at most the start timeout.
	 * @throws IllegalStateException if it does not come up in time or was closed
	 */
	public synchronized void start() {
		if (this.closed) {
			throw new IllegalStateException("EmbeddedKafka was closed");
		}
		if (this.server != null) {
			return;
		}
		long begin = System.nanoTime();
		prepareLogDir();
		RuntimeException failure = null;
		// Only ports we picked ourselves may be re-picked: a fixed port or a port that
		// clients already know (after the first start) must stay.
		int attempts = (this.requestedPort == 0 && !this.everStarted) ? BIND_ATTEMPTS : 1;
		for (int attempt = 1; attempt <= attempts; attempt++) {
			resolvePorts();
			try {
				startServer();
				failure = null;
				break;
			}
			catch (RuntimeException ex) {
				failure = ex;
				if (attempt < attempts) {
					log.warn("Embedded Kafka failed to start on port {} ({}), retrying on another port", this.port,
							ex.getMessage());
					this.port = -1;
					this.controllerPort = -1;
				}
			}
		}
		if (failure != null) {
			throw failure;
		}
		this.everStarted = true;
		log.info("Embedded Kafka started at {} in {} ms (log dir {})", bootstrapServers(),
				(System.nanoTime() - begin) / 1_000_000, this.logDir);
	}

	/** Shuts the broker down and waits until its ports are free. Data is kept. */
	public synchronized void stop() {
		KafkaRaftServer running = this.server;
		if (running == null) {
			return;
		}
		this.server = null;
		running.shutdown();
		running.awaitShutdown();
		log.info("Embedded Kafka at {} stopped", bootstrapServers());
	}

	/** Stops the broker and deletes its log directory if it was a temporary one. */
	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		try {
			stop();
		}
		finally {
			this.closed = true;
			if (this.temporaryLogDir && this.logDir != null) {
				FileTrees.deleteQuietly(this.logDir);
			}
		}
	}

	public synchronized boolean isRunning() {
		return this.server != null;
	}

	/** The client port; picks a free one now if the builder asked for port 0. */
	public synchronized int port() {
		if (this.port < 0) {
			this.port = (this.requestedPort == 0) ? FreePorts.pick() : this.requestedPort;
		}
		return this.port;
	}

	/** {@code localhost:PORT}, the address clients and host-network containers use. */
	public String bootstrapServers() {
		return this.host + ":" + port();
	}

	/** Authentication settings, or null when clients connect unauthenticated. */
	public BrokerAuth auth() {
		return this.auth;
	}

	/**
	 * Client settings with the broker's own (super) user: empty without authentication.
	 * Add them to an Admin client's or a producer's configuration.
	 */
	public Map<String, String> adminProperties() {
		return (this.auth != null) ? this.auth.clientProperties(this.auth.brokerUser()) : Map.of();
	}

	/**
	 * The log directory (also the KRaft metadata directory); null before the first start.
	 */
	public synchronized Path logDir() {
		return this.logDir;
	}

	private void resolvePorts() {
		port();
		if (this.controllerPort < 0) {
			this.controllerPort = FreePorts.pick();
		}
	}

	private void prepareLogDir() {
		if (this.logDir != null) {
			return;
		}
		try {
			if (this.requestedLogDir != null) {
				this.logDir = Files.createDirectories(this.requestedLogDir.toAbsolutePath());
			}
			else {
				Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
				Files.createDirectories(tmp);
				this.logDir = Files.createTempDirectory(tmp, "embedded-kafka-");
				this.temporaryLogDir = true;
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the Kafka log directory", ex);
		}
	}

	private void startServer() {
		KafkaConfig config = new KafkaConfig(brokerProperties(), false);
		formatIfNeeded();
		KafkaRaftServer raftServer = new KafkaRaftServer(config, Time.SYSTEM);
		try {
			raftServer.startup();
			this.server = raftServer;
			KafkaReadiness.await(bootstrapServers(), adminProperties(), this.startTimeout);
		}
		catch (RuntimeException ex) {
			this.server = null;
			shutdownQuietly(raftServer);
			throw new IllegalStateException("Embedded Kafka did not start at " + bootstrapServers(), ex);
		}
	}

	/**
	 * Formats a fresh log directory as a single-voter static quorum (what
	 * {@code kafka-storage.sh format} does). A formatted directory is reused as it is, so
	 * a persistent directory keeps its cluster id and data across JVMs.
	 */
	private void formatIfNeeded() {
		if (Files.exists(this.logDir.resolve("meta.properties"))) {
			return;
		}
		String dir = this.logDir.toString();
		Formatter formatter = new Formatter().setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
			.setNodeId(NODE_ID)
			.setClusterId(Uuid.randomUuid().toString())
			.setDirectories(List.of(dir))
			.setMetadataLogDirectory(dir)
			.setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
			.setControllerListenerName(CONTROLLER_LISTENER);
		try {
			formatter.run();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot format the Kafka log directory " + dir, ex);
		}
	}

	Map<String, Object> brokerProperties() {
		Map<String, Object> props = new LinkedHashMap<>(BrokerDefaults.properties(this.host, this.port,
				this.controllerPort, this.logDir, (this.auth != null) ? AUTH_LISTENER : "PLAINTEXT"));
		if (this.auth != null) {
			props.putAll(this.auth.brokerProperties(AUTH_LISTENER, CONTROLLER_LISTENER));
		}
		props.putAll(this.overrides);
		return props;
	}

	private static void shutdownQuietly(KafkaRaftServer raftServer) {
		try {
			raftServer.shutdown();
			raftServer.awaitShutdown();
		}
		catch (RuntimeException ex) {
			log.debug("Ignoring failure while cleaning up a broker that did not start", ex);
		}
	}

	/** Options of an {@link EmbeddedKafka}. */
	public static final class Builder {

		private int port = DEFAULT_PORT;

		private Path logDir;

		private String host = "localhost";

		private Duration startTimeout = Duration.ofSeconds(90);

		private final Map<String, String> overrides = new LinkedHashMap<>();

		private BrokerAuth auth;

		private Builder() {
		}

		/** Client port; {@code 0} picks a free port once and keeps it across restarts. */
		public Builder port(int port) {
			if (port < 0 || port > 65535) {
				throw new IllegalArgumentException("port must be 0..65535, was " + port);
			}
			this.port = port;
			return this;
		}

		/**
		 * Persistent log directory, kept on close. Without one, a temporary directory
		 * under {@code java.io.tmpdir} is used and deleted on close.
		 */
		public Builder logDir(Path logDir) {
			this.logDir = logDir;
			return this;
		}

		/** Host the broker binds to and advertises; {@code localhost} by default. */
		public Builder host(String host) {
			this.host = Objects.requireNonNull(host, "host");
			return this;
		}

		/** How long {@link EmbeddedKafka#start()} waits for the broker to answer. */
		public Builder startTimeout(Duration startTimeout) {
			this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout");
			return this;
		}

		/**
		 * Any broker setting, applied over the defaults (e.g. {@code num.partitions}).
		 */
		public Builder brokerProperty(String key, String value) {
			this.overrides.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
			return this;
		}

		/**
		 * SASL on every listener and the standard authorizer (see {@link BrokerAuth});
		 * without it, anyone who reaches the port may do anything.
		 */
		public Builder auth(BrokerAuth auth) {
			this.auth = Objects.requireNonNull(auth, "auth");
			return this;
		}

		public EmbeddedKafka build() {
			return new EmbeddedKafka(this);
		}

	}

}
