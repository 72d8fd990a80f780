package dev.dcf.standalone.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Picks a currently free TCP port on the loopback interface. */
final class FreePorts {

	private FreePorts() {
	}

	/**
	 * Returns a port that was free a moment ago. Another process may take it before we
	 * bind, so callers that picked a port themselves retry with a new one on a bind
	 * failure.
	 */
	static int pick() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free port on the loopback interface", ex);
		}
	}

}
