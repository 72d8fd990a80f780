package dev.dcf.standalone;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM end the JVM with exit code 0 after the shutdown hook has
 * stopped everything in order; the JVM's own handling would exit with 130 or 143. A
 * second signal while shutting down ends the JVM at once.
 */
final class Signals {

	private static final Logger log = LoggerFactory.getLogger(Signals.class);

	private static final Object lock = new Object();

	private static boolean exiting;

	private Signals() {
	}

	static void exitCleanlyOnInterruptAndTerminate() {
		for (String name : new String[] { "INT", "TERM" }) {
			try {
				SignalHandler previous = Signal.handle(new Signal(name), Signals::onSignal);
				if (previous == SignalHandler.SIG_IGN) {
					// the JVM cannot take over a signal its parent ignores (e.g. "./dcf
					// &")
					log.info("SIG{} is ignored in this process (started in the background?): stop DCF with "
							+ "SIGTERM (kill {})", name, ProcessHandle.current().pid());
				}
			}
			catch (IllegalArgumentException ex) {
				// ignored by the parent process (e.g. a background job) or used by the
				// JVM
				log.debug("Cannot handle SIG{}: {}", name, ex.getMessage());
			}
		}
	}

	private static void onSignal(Signal signal) {
		synchronized (lock) {
			if (exiting) {
				log.warn("SIG{} again while stopping: exiting at once", signal.getName());
				Runtime.getRuntime().halt(128 + signal.getNumber());
			}
			exiting = true;
		}
		log.info("SIG{} received, stopping DCF (again to force)", signal.getName());
		// exit from another thread: the signal thread must stay free for a second signal
		Thread exit = new Thread(() -> System.exit(0), "dcf-exit");
		exit.start();
	}

}
