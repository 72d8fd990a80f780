package dev.dcf.standalone;

import dev.dcf.standalone.cli.Cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * All of DCF in one JVM ({@code ./dcf}): the embedded Kafka broker and schema registry,
 * the job handler and one container agent on the local Docker daemon. Arguments
 * ({@code --name=value}) go to the launcher and to both apps; see
 * {@code docs/configuration.md}.
 * <p>
 * Exit codes: 0 after Ctrl-C or SIGTERM and a clean stop, 1 if starting or stopping
 * failed, 2 for invalid settings.
 */
public final class StandaloneApplication {

	/** Loggers of the embedded broker that are too chatty at INFO for a console. */
	private static final String[] QUIET_LOGGERS = { "kafka", "org.apache.kafka", "state.change.logger" };

	private StandaloneApplication() {
	}

	public static void main(String[] args) throws InterruptedException {
		if (Cli.handles(args)) {
			Cli.main(args); // ./dcf apply ...: the command line, nothing of DCF starts
			return;
		}
		if (args.length > 0 && args[0].equals("run")) {
			args = Arrays.copyOfRange(args, 1, args.length);
		}
		long begin = System.nanoTime();
		StandaloneSettings settings;
		try {
			settings = StandaloneSettings.load(args);
		}
		catch (RuntimeException ex) {
			System.err.println("dcf: invalid settings: " + rootMessage(ex));
			System.exit(2);
			return;
		}
		initializeLogging(args);
		Logger log = LoggerFactory.getLogger(StandaloneApplication.class);

		Path home = GeneratorImage.findHome(settings.home(), Path.of("").toAbsolutePath(),
				System.getProperty("java.class.path"));
		Standalone standalone = new Standalone(
				settings, AdminLogin.resolve(args, System.getenv()), args, new GeneratorImage(Commands.SYSTEM, home,
						settings.buildGeneratorImage(), List.of(GeneratorImage.SAMPLE, GeneratorImage.BUILTIN)),
				Clock.systemUTC());
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			boolean clean = standalone.stop();
			stopped.countDown();
			flushLogging();
			if (!clean) {
				Runtime.getRuntime().halt(1);
			}
		}, "dcf-shutdown"));
		Signals.exitCleanlyOnInterruptAndTerminate();

		log.info("Starting DCF standalone (data in {})", settings.dataDir());
		try {
			Ready ready = standalone.start();
			System.out.println(ready.message(Duration.ofNanos(System.nanoTime() - begin)));
			System.out.flush();
		}
		catch (RuntimeException ex) {
			if (standalone.isClosing()) {
				// Ctrl-C during start: the shutdown hook stops what was started
				return;
			}
			// Spring Boot has already reported a failed context in detail; the
			// stack trace is for debugging (--logging.level.dev.dcf.standalone=debug)
			log.error("DCF could not start: {}", describe(ex));
			log.debug("Start failure", ex);
			standalone.stop();
			System.exit(1);
		}
		stopped.await();
	}

	/**
	 * Sets up Spring Boot's logging before the broker starts, so its output looks like
	 * the apps' and the broker is quiet. The apps' contexts find logging initialized and
	 * only add their {@code logging.level.*} settings.
	 */
	private static void initializeLogging(String[] args) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
		LoggingSystem system = LoggingSystem.get(StandaloneApplication.class.getClassLoader());
		system.beforeInitialize();
		system.initialize(new LoggingInitializationContext(environment), null, null);
		for (String logger : QUIET_LOGGERS) {
			system.setLogLevel(logger, LogLevel.WARN);
		}
	}

	private static void flushLogging() {
		Runnable handler = LoggingSystem.get(StandaloneApplication.class.getClassLoader()).getShutdownHandler();
		if (handler != null) {
			handler.run();
		}
	}

	/** The failure's own message and, if different, its root cause's. */
	static String describe(Throwable ex) {
		String message = (ex.getMessage() != null) ? ex.getMessage() : ex.toString();
		String root = rootMessage(ex);
		return message.contains(root) ? message : message + " (" + root + ")";
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return (root.getMessage() != null) ? root.getMessage() : root.toString();
	}

}
