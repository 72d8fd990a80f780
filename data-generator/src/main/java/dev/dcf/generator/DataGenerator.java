package dev.dcf.generator;

import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DCF's sample generator: JSON sensor readings into {@code $KAFKA_TOPIC} at {@code $RATE}
 * records per second. Exit codes: 0 when done ({@code MAX_RECORDS} reached) or stopped by
 * SIGTERM/SIGINT after flushing, 1 when records of a {@code MAX_RECORDS} run could not be
 * delivered or the loop failed, 2 when the configuration is missing or invalid.
 */
public final class DataGenerator {

	private static final Logger log = LoggerFactory.getLogger(DataGenerator.class);

	/**
	 * How long the shutdown hook waits for the loop to finish and the producer to flush.
	 */
	private static final long SHUTDOWN_WAIT_SECONDS = 8;

	private DataGenerator() {
	}

	public static void main(String[] args) {
		GeneratorConfig config;
		try {
			config = GeneratorConfig.fromEnvironment(System.getenv(), System::nanoTime);
		}
		catch (InvalidConfigException ex) {
			System.err.println("dcf-sample-generator: " + ex.getMessage());
			System.exit(2);
			return;
		}
		System.exit(run(config));
	}

	private static int run(GeneratorConfig config) {
		log.info("Writing to topic '{}' at {}: {} records/s, {} devices, seed {}{}", config.topic(),
				config.bootstrapServers(), config.rate(), config.devices(), config.seed(),
				config.maxRecords().isPresent() ? ", max " + config.maxRecords().getAsLong() + " records" : "");
		ReadingGenerator readings = new ReadingGenerator(config.seed(), config.devices(), config.containerIndex(),
				Clock.systemUTC());
		KafkaSink sink;
		try {
			sink = new KafkaSink(config);
		}
		catch (RuntimeException ex) {
			log.error("Cannot create the Kafka producer", ex);
			return 1;
		}
		RateLoop loop = new RateLoop(config.rate(), config.maxRecords(), readings, sink, Ticker.SYSTEM,
				(recent, total) -> logProgress(sink, recent, total));
		CountDownLatch finished = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> onShutdown(loop, finished), "shutdown"));
		boolean loopFailed = false;
		long sent = 0;
		try {
			sent = loop.run();
		}
		catch (RuntimeException ex) {
			log.error("Generator failed", ex);
			loopFailed = true;
		}
		finally {
			sink.close();
			log.info("Stopped after {} records: {} acknowledged, {} failed", sent, sink.acknowledged(), sink.failed());
			finished.countDown();
		}
		boolean undelivered = config.maxRecords().isPresent() && sink.failed() > 0;
		return (loopFailed || undelivered) ? 1 : 0;
	}

	/**
	 * Runs when the JVM is asked to stop (SIGTERM from {@code docker stop}, SIGINT).
	 * Stops the loop and waits until the producer is flushed. A JVM ended by SIGTERM
	 * exits with 143 even after a clean shutdown, so after flushing we halt with 0:
	 * stopping a generator is not a failure. When the main thread is already exiting on
	 * its own, its exit code stands.
	 */
	private static void onShutdown(RateLoop loop, CountDownLatch finished) {
		if (finished.getCount() == 0) {
			return;
		}
		log.info("Stop requested, flushing");
		loop.stop();
		try {
			if (!finished.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS)) {
				log.warn("Producer did not flush within {} s", SHUTDOWN_WAIT_SECONDS);
				Runtime.getRuntime().halt(1);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		System.out.flush();
		System.err.flush();
		Runtime.getRuntime().halt(0);
	}

	private static void logProgress(KafkaSink sink, long recent, long total) {
		Exception error = sink.takeLastError();
		if (error != null) {
			log.warn("Sent {} records in the last second ({} total, {} acknowledged, {} failed); last error: {}",
					recent, total, sink.acknowledged(), sink.failed(), error.toString());
		}
		else {
			log.info("Sent {} records in the last second ({} total, {} acknowledged)", recent, total,
					sink.acknowledged());
		}
	}

}
