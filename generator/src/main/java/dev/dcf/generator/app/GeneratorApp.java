package dev.dcf.generator.app;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code dcf/generator} image's entry point. Exit codes: 0 when done
 * ({@code MAX_RECORDS} written) or stopped by SIGTERM/SIGINT after flushing, 1 when
 * records of a {@code MAX_RECORDS} run were not delivered, the registry or the producer
 * could not be set up, or the loop failed, 2 when the configuration or the spec is wrong.
 */
public final class GeneratorApp {

	private static final Logger log = LoggerFactory.getLogger(GeneratorApp.class);

	/** How long the shutdown hook waits for the loop to end and the producer to flush. */
	private static final long SHUTDOWN_WAIT_SECONDS = 8;

	private GeneratorApp() {
	}

	public static void main(String[] args) {
		GeneratorRun run;
		try {
			run = GeneratorRun.create(System.getenv(), new BuiltInSpecs(), System::nanoTime);
		}
		catch (InvalidConfigException ex) {
			System.err.println("dcf-generator: " + ex.getMessage());
			System.exit(2);
			return;
		}
		catch (RuntimeException ex) {
			System.err.println("dcf-generator: cannot start: " + ex.getMessage());
			System.exit(1);
			return;
		}
		CountDownLatch finished = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> onShutdown(run, finished), "shutdown"));
		int code;
		try {
			code = run.run();
		}
		finally {
			finished.countDown();
		}
		System.exit(code);
	}

	/**
	 * Runs when the JVM is asked to stop (SIGTERM from {@code docker stop}, SIGINT):
	 * stops the loop and waits until the producer is flushed, then halts with 0 (a JVM
	 * ended by SIGTERM would exit with 143; stopping a generator is not a failure). When
	 * the main thread is already exiting on its own, its exit code stands.
	 */
	private static void onShutdown(GeneratorRun run, CountDownLatch finished) {
		if (finished.getCount() == 0) {
			return;
		}
		log.info("Stop requested, flushing");
		run.stop();
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

}
