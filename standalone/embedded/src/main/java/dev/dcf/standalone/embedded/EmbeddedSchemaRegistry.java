package dev.dcf.standalone.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schema registry that speaks the subset of Confluent's REST API that DCF's clients use
 * (register, look up, fetch by id, list, compatibility check, compatibility config), on
 * the JDK's HTTP server. Its schemas live in a compacted Kafka topic ({@code _schemas} by
 * default, as in Confluent's registry), so ids survive restarts of the registry and the
 * broker.
 * <p>
 * Lifecycle as {@link EmbeddedKafka}: {@link #start()} reads the topic to its end before
 * it serves requests; {@link #stop()} frees the port; {@link #start()} again serves on
 * the same port. A port of {@code 0} picks a free port once and keeps it. Thread safe.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {

	/** Default port, as Confluent's. */
	public static final int DEFAULT_PORT = 8081;

	/** Default storage topic, as Confluent's. */
	public static final String DEFAULT_TOPIC = "_schemas";

	private static final Logger log = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);

	private static final int BIND_ATTEMPTS = 3;

	private static final int HTTP_THREADS = 4;

	private final int requestedPort;

	private final String bootstrapServers;

	private final String topic;

	private final String host;

	private final Duration timeout;

	private int port = -1;

	private HttpServer server;

	private ExecutorService executor;

	private SchemaLog schemaLog;

	private boolean everStarted;

	private final Map<String, String> kafkaClientProperties;

	private final boolean authorizeWrites;

	private boolean closed;

	private EmbeddedSchemaRegistry(Builder builder) {
		this.requestedPort = builder.port;
		this.bootstrapServers = Objects.requireNonNull(builder.bootstrapServers, "bootstrapServers is required");
		this.topic = builder.topic;
		this.host = builder.host;
		this.timeout = builder.timeout;
		this.kafkaClientProperties = Map.copyOf(builder.kafkaClientProperties);
		this.authorizeWrites = builder.authorizeWrites;
	}

	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Connects to Kafka, creates the schemas topic if needed, reads it to its end and
	 * starts serving HTTP.
	 * @throws IllegalStateException if Kafka does not answer in time, or the port is
	 * taken
	 */
	public synchronized void start() {
		if (this.closed) {
			throw new IllegalStateException("EmbeddedSchemaRegistry was closed");
		}
		if (this.server != null) {
			return;
		}
		long begin = System.nanoTime();
		SchemaLog storage = new SchemaLog(this.bootstrapServers, this.kafkaClientProperties, this.topic, this.timeout);
		try {
			storage.open();
			SchemaStore store = new SchemaStore();
			storage.replayInto(store);
			RegistryHttpHandler handler = new RegistryHttpHandler(new RegistryService(store, storage),
					this.authorizeWrites ? new KafkaWriteAuthorization(this.bootstrapServers, this.timeout) : null);
			this.executor = Executors.newFixedThreadPool(HTTP_THREADS, daemonThreads());
			this.server = bind();
			this.server.createContext("/", handler);
			this.server.setExecutor(this.executor);
			this.server.start();
			this.schemaLog = storage;
		}
		catch (RuntimeException ex) {
			storage.close();
			if (this.executor != null) {
				this.executor.shutdownNow();
				this.executor = null;
			}
			this.server = null;
			throw ex;
		}
		this.everStarted = true;
		log.info("Embedded schema registry started at {} in {} ms (topic {} at {})", url(),
				(System.nanoTime() - begin) / 1_000_000, this.topic, this.bootstrapServers);
	}

	/** Stops serving and frees the port; stored schemas stay in Kafka. */
	public synchronized void stop() {
		if (this.server == null) {
			return;
		}
		this.server.stop(0);
		this.server = null;
		this.executor.shutdownNow();
		this.executor = null;
		this.schemaLog.close();
		this.schemaLog = null;
		log.info("Embedded schema registry at {} stopped", url());
	}

	@Override
	public synchronized void close() {
		stop();
		this.closed = true;
	}

	public synchronized boolean isRunning() {
		return this.server != null;
	}

	/** The HTTP port; picks a free one now if the builder asked for port 0. */
	public synchronized int port() {
		if (this.port < 0) {
			this.port = (this.requestedPort == 0) ? FreePorts.pick() : this.requestedPort;
		}
		return this.port;
	}

	/** The settings of its Kafka client beyond the bootstrap servers (authentication). */
	Map<String, String> kafkaClientProperties() {
		return this.kafkaClientProperties;
	}

	/** Whether writes need a Kafka user's credentials (see the builder). */
	boolean authorizesWrites() {
		return this.authorizeWrites;
	}

	/** {@code http://localhost:PORT}, the registry URL for clients. */
	public String url() {
		return "http://" + this.host + ":" + port();
	}

	private HttpServer bind() {
		int attempts = (this.requestedPort == 0 && !this.everStarted) ? BIND_ATTEMPTS : 1;
		IOException last = null;
		for (int attempt = 1; attempt <= attempts; attempt++) {
			try {
				return HttpServer.create(new InetSocketAddress(this.host, port()), 50);
			}
			catch (BindException ex) {
				last = ex;
				if (attempt < attempts) {
					this.port = -1;
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot start the schema registry on " + url(), ex);
			}
		}
		throw new IllegalStateException("Cannot bind the schema registry to " + url(), last);
	}

	private static ThreadFactory daemonThreads() {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, "schema-registry-http-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	/** Options of an {@link EmbeddedSchemaRegistry}. */
	public static final class Builder {

		private int port = DEFAULT_PORT;

		private String bootstrapServers;

		private String topic = DEFAULT_TOPIC;

		private String host = "localhost";

		private Duration timeout = Duration.ofSeconds(30);

		private Map<String, String> kafkaClientProperties = Map.of();

		private boolean authorizeWrites;

		private Builder() {
		}

		/** HTTP port; {@code 0} picks a free port once and keeps it across restarts. */
		public Builder port(int port) {
			if (port < 0 || port > 65535) {
				throw new IllegalArgumentException("port must be 0..65535, was " + port);
			}
			this.port = port;
			return this;
		}

		/** Kafka that stores the schemas (required). */
		public Builder bootstrapServers(String bootstrapServers) {
			this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
			return this;
		}

		/**
		 * Extra settings of its Kafka clients, e.g. an authenticated broker's
		 * {@link EmbeddedKafka#adminProperties()}.
		 */
		public Builder kafkaClientProperties(Map<String, String> properties) {
			this.kafkaClientProperties = Map.copyOf(properties);
			return this;
		}

		/**
		 * Whether writes need the HTTP Basic credentials of a Kafka user, who may then
		 * write only the subjects of topics Kafka lets it write, or anything if it may
		 * alter the cluster ({@link KafkaWriteAuthorization}). For a broker with
		 * authentication ({@link BrokerAuth}); off by default.
		 */
		public Builder authorizeWrites(boolean authorizeWrites) {
			this.authorizeWrites = authorizeWrites;
			return this;
		}

		/** Storage topic; {@code _schemas} by default. */
		public Builder topic(String topic) {
			this.topic = Objects.requireNonNull(topic, "topic");
			return this;
		}

		/** Host to bind to and to put in {@link EmbeddedSchemaRegistry#url()}. */
		public Builder host(String host) {
			this.host = Objects.requireNonNull(host, "host");
			return this;
		}

		/**
		 * Bound on each Kafka operation: reading the topic on start, and every write (a
		 * write that is not acknowledged in time answers 500 / 50002).
		 */
		public Builder timeout(Duration timeout) {
			this.timeout = Objects.requireNonNull(timeout, "timeout");
			return this;
		}

		public EmbeddedSchemaRegistry build() {
			return new EmbeddedSchemaRegistry(this);
		}

	}

}
