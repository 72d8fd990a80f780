package dev.dcf.standalone;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Checks the fixed ports before anything starts, so that a second {@code ./dcf} (or
 * another Kafka) is reported in one line instead of a stack trace half-way through the
 * start.
 */
final class Ports {

	private Ports() {
	}

	/**
	 * @param port the port, {@code 0} = picked later (always free)
	 * @param what what listens there, for the message
	 * @param variable the environment variable that moves it
	 * @throws IllegalStateException if something already listens on the port
	 */
	static void requireFree(int port, String what, String variable) {
		if (port == 0) {
			return;
		}
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(port));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Port " + port + " for the " + what
					+ " is in use (is DCF already running?); choose another one with " + variable + "=<port>");
		}
	}

}
