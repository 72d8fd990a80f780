package dev.dcf.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Free loopback ports, chosen once per run, and waiting for a port to answer. */
final class Ports {

	private Ports() {
	}

	/** Ports handed out in this run: the kernel may offer a closed one again. */
	private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

	/**
	 * A port free now and not handed out before in this run (two processes of the suite
	 * given one port: the later one cannot bind, and its clients talk to the other).
	 */
	static int free() {
		for (int attempt = 0; attempt < 100; attempt++) {
			try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
				socket.setReuseAddress(true);
				if (HANDED_OUT.add(socket.getLocalPort())) {
					return socket.getLocalPort();
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("No free port", ex);
			}
		}
		throw new IllegalStateException("No port free that was not handed out before");
	}

	static boolean answers(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	static void awaitListening(String what, int port, Duration timeout, ChildProcess process) {
		org.awaitility.Awaitility.await()
			.alias(what + " listens on port " + port)
			.atMost(timeout)
			.pollInterval(Duration.ofMillis(250))
			.until(() -> {
				if (process != null && !process.isAlive()) {
					throw new IllegalStateException(process + " exited before listening on " + port);
				}
				return answers(port);
			});
	}

}
