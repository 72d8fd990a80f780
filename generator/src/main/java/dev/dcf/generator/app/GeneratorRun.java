package dev.dcf.generator.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import dev.dcf.generator.engine.GeneratedRecord;
import dev.dcf.generator.engine.GeneratorContext;
import dev.dcf.generator.engine.RecordGenerator;
import dev.dcf.generator.engine.SpecException;
import dev.dcf.schemes.registry.HttpSchemaRegistryClient;
import dev.dcf.schemes.registry.RegistryClientConfig;
import dev.dcf.schemes.registry.SchemaRegistryClient;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One generator, set up from an environment: {@link #create} checks everything (and
 * registers Avro schemas) before the first record; {@link #run()} writes until the record
 * limit or {@link #stop()}, then flushes. The application runs one; tests and the
 * benchmark run them in-process.
 */
final class GeneratorRun {

	private static final Logger log = LoggerFactory.getLogger(GeneratorRun.class);

	/** How long closing waits for buffered records to be delivered. */
	static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(5);

	private final AppConfig config;

	private final Format format;

	private final KafkaSink sink;

	private final RateLoop loop;

	private volatile boolean stopped;

	private GeneratorRun(AppConfig config, Format format, KafkaSink sink, RecordGenerator generator, Encoder keys,
			Encoder values, RateProfile profile, Ticker ticker) {
		this.config = config;
		this.format = format;
		this.sink = sink;
		Runnable sendOne = () -> {
			GeneratedRecord record = generator.next();
			sink.send(keys.encode(record.key()), values.encode(record.value()), record.headers());
		};
		this.loop = new RateLoop(profile, config.maxRecords(), sendOne, ticker, this::progress);
	}

	/**
	 * @throws InvalidConfigException when the environment or the spec is wrong (exit 2)
	 * @throws RuntimeException when the producer or the registry cannot be set up (exit
	 * 1)
	 */
	static GeneratorRun create(Map<String, String> env, SpecSource specs, LongSupplier timeSeed) {
		AppConfig config = AppConfig.fromEnvironment(env, timeSeed);
		SpecSource.Loaded loaded;
		try {
			loaded = specs.load(env, config.rate());
		}
		catch (SpecException ex) {
			throw new InvalidConfigException(List.of(describe(ex)));
		}
		Format format = (config.format() != null) ? config.format() : loaded.defaultFormat();
		Schema valueSchema = loaded.spec().valueSchema();
		Schema keySchema = loaded.spec().keySchema();
		List<String> problems = new ArrayList<>();
		if (format == Format.AVRO && valueSchema == null) {
			problems.add("FORMAT=avro needs an Avro schema: use GENERATOR_SCHEMA or a quickstart, or FORMAT=json");
		}
		boolean needsRegistry = format == Format.AVRO || keySchema != null;
		if (needsRegistry && config.registryUrl() == null) {
			problems.add("SCHEMA_REGISTRY_URL is required for Avro (the schema registry's base URL)");
		}
		SchemaRegistryClient registry = null;
		if (needsRegistry && config.registryUrl() != null) {
			try {
				registry = new HttpSchemaRegistryClient(RegistryClientConfig.of(config.registryUrl()));
			}
			catch (IllegalArgumentException ex) {
				problems.add("SCHEMA_REGISTRY_URL: " + ex.getMessage());
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidConfigException(problems);
		}
		Encoder values = switch (format) {
			case AVRO -> new AvroEncoder(registry, config.topic(), false, valueSchema);
			case JSON -> TextEncoders.json();
			case STRING -> TextEncoders.string();
		};
		// string keys stay plain text in every format: they are what partitioning and
		// consumers see
		Encoder keys = (keySchema != null) ? new AvroEncoder(registry, config.topic(), true, keySchema)
				: TextEncoders.string();
		RecordGenerator generator = loaded.spec()
			.generator(new GeneratorContext(config.seed(), config.containerIndex(), config.containerCount()));
		KafkaSink sink;
		try {
			sink = new KafkaSink(config);
		}
		catch (ConfigException ex) {
			throw new InvalidConfigException(List.of("producer setting: " + ex.getMessage()));
		}
		return new GeneratorRun(config, format, sink, generator, keys, values, loaded.profile(), Ticker.SYSTEM);
	}

	static String describe(SpecException ex) {
		String where = ex.field() + ((ex.line() > 0) ? " (line " + ex.line() + ", column " + ex.column() + ")" : "");
		return where + ": " + ex.getMessage();
	}

	/**
	 * Waits until the topic's metadata is known, writes until the record limit or
	 * {@link #stop()}, then flushes and closes the producer.
	 * @return the exit code: 0, or 1 when records of a {@code MAX_RECORDS} run were not
	 * delivered or the loop failed
	 */
	int run() {
		log.info("Writing {} to topic '{}' at {}: {}, container {} of {}, seed {}{}", this.format.lowerCase(),
				this.config.topic(), this.config.bootstrapServers(),
				this.config.unlimited() ? "unlimited rate" : this.config.rate() + " records/s",
				this.config.containerIndex(), this.config.containerCount(), this.config.seed(),
				this.config.maxRecords().isPresent() ? ", max " + this.config.maxRecords().getAsLong() + " records"
						: "");
		boolean failed = false;
		long sent = 0;
		long start = System.nanoTime();
		try {
			// the profile's clock starts when records can flow, not when the JVM did
			if (this.sink.awaitTopic(() -> this.stopped,
					(ex) -> log.warn("Waiting for the topic '{}': {}", this.config.topic(), ex.toString()))) {
				sent = this.loop.run();
			}
		}
		catch (RuntimeException ex) {
			log.error("Generator failed", ex);
			failed = true;
		}
		finally {
			this.sink.close(FLUSH_TIMEOUT);
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		log.info("Stopped after {} records: {} acknowledged, {} failed", sent, this.sink.acknowledged(),
				this.sink.failed());
		log.info(String.format(Locale.ROOT, "Wrote %d records in %.3f s: %.1f records/s", sent, seconds,
				sent / Math.max(seconds, 1e-9)));
		boolean undelivered = this.config.maxRecords().isPresent()
				&& this.sink.acknowledged() < this.config.maxRecords().getAsLong();
		return (failed || undelivered) ? 1 : 0;
	}

	void stop() {
		this.stopped = true;
		this.loop.stop();
	}

	long sent() {
		return this.loop.sent();
	}

	long acknowledged() {
		return this.sink.acknowledged();
	}

	private void progress(long recent, long total, long nanos) {
		double rate = (nanos > 0) ? recent * (double) TimeUnit.SECONDS.toNanos(1) / nanos : 0;
		Exception error = this.sink.takeLastError();
		String line = String.format("%,d records in the last second (%,.1f records/s), %,d total, %,d acknowledged",
				recent, rate, total, this.sink.acknowledged());
		if (error != null) {
			log.warn("{}, {} failed; last error: {}", line, this.sink.failed(), error.toString());
		}
		else {
			log.info(line);
		}
	}

}
