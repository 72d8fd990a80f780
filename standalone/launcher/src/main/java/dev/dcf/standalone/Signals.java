package dev.dcf.standalone;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ctrl-C (SIGINT) and SIGTERM end the JVM with exit code 0 after the shutdown hook has
 * stopped everything in order; the JVM's own handling would exit with 130 or 143. A
 * second signal while shutting down ends the JVM at once. Java has no public API for
 * signals: {@code sun.misc.Signal} (module jdk.unsupported) is reached by reflection, so
 * the build compiles without warnings; without it, the JVM's own handling stays.
 */
final class Signals {

	private static final Logger log = LoggerFactory.getLogger(Signals.class);

	private static final Object lock = new Object();

	private static boolean exiting;

	private Signals() {
	}

	static void exitCleanlyOnInterruptAndTerminate() {
		Class<?> signalType;
		Class<?> handlerType;
		try {
			signalType = Class.forName("sun.misc.Signal");
			handlerType = Class.forName("sun.misc.SignalHandler");
		}
		catch (ClassNotFoundException ex) {
			log.debug("No sun.misc.Signal in this JVM: SIGINT and SIGTERM exit with 130 and 143");
			return;
		}
		Object handler = Proxy.newProxyInstance(Signals.class.getClassLoader(), new Class<?>[] { handlerType },
				(proxy, method, args) -> switch (method.getName()) {
					case "handle" -> {
						onSignal(signalType, args[0]);
						yield null;
					}
					case "equals" -> proxy == args[0];
					case "hashCode" -> System.identityHashCode(proxy);
					default -> "DCF's handler of SIGINT and SIGTERM";
				});
		for (String name : new String[] { "INT", "TERM" }) {
			try {
				Object signal = signalType.getConstructor(String.class).newInstance(name);
				Method handle = signalType.getMethod("handle", signalType, handlerType);
				Object previous = handle.invoke(null, signal, handler);
				if (previous == handlerType.getField("SIG_IGN").get(null)) {
					// the JVM cannot take over a signal its parent ignores (e.g. "./dcf
					// &")
					log.info("SIG{} is ignored in this process (started in the background?): stop DCF with "
							+ "SIGTERM (kill {})", name, ProcessHandle.current().pid());
				}
			}
			catch (ReflectiveOperationException | IllegalArgumentException ex) {
				// ignored by the parent process (e.g. a background job) or used by the
				// JVM
				Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
				log.debug("Cannot handle SIG{}: {}", name, cause.getMessage());
			}
		}
	}

	private static void onSignal(Class<?> signalType, Object signal) throws ReflectiveOperationException {
		String name = (String) signalType.getMethod("getName").invoke(signal);
		int number = (int) signalType.getMethod("getNumber").invoke(signal);
		synchronized (lock) {
			if (exiting) {
				log.warn("SIG{} again while stopping: exiting at once", name);
				Runtime.getRuntime().halt(128 + number);
			}
			exiting = true;
		}
		log.info("SIG{} received, stopping DCF (again to force)", name);
		// exit from another thread: the signal thread must stay free for a second signal
		Thread exit = new Thread(() -> System.exit(0), "dcf-exit");
		exit.start();
	}

}
