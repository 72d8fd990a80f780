package dev.dcf.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/** Free loopback ports, chosen once per run, and waiting for a port to answer. */
final class Ports {

	private Ports() {
	}

	static int free() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free port", ex);
		}
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
