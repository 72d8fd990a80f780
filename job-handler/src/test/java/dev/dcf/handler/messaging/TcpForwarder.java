package dev.dcf.handler.messaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP port in front of a real server for outage tests: until {@link #open()} nothing
 * listens on it (connections are refused, as with a registry that is down), then it
 * forwards every connection to the target.
 */
final class TcpForwarder implements AutoCloseable {

	private final int port;

	private final int targetPort;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private volatile ServerSocket server;

	TcpForwarder(int targetPort) {
		this.targetPort = targetPort;
		try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			this.port = probe.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	int port() {
		return this.port;
	}

	/** Starts listening and forwarding. */
	void open() {
		try {
			ServerSocket listening = new ServerSocket(this.port, 50, InetAddress.getLoopbackAddress());
			this.server = listening;
			Thread accept = new Thread(() -> {
				while (!listening.isClosed()) {
					try {
						Socket client = listening.accept();
						Socket target = new Socket(InetAddress.getLoopbackAddress(), this.targetPort);
						this.sockets.add(client);
						this.sockets.add(target);
						pump(client, target);
						pump(target, client);
					}
					catch (IOException ex) {
						// closed
					}
				}
			}, "tcp-forwarder-" + this.port);
			accept.setDaemon(true);
			accept.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void pump(Socket from, Socket to) {
		Thread thread = new Thread(() -> {
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				in.transferTo(out);
			}
			catch (IOException ex) {
				// one side closed
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
			}
		}, "tcp-forwarder-pump");
		thread.setDaemon(true);
		thread.start();
	}

	@Override
	public void close() {
		if (this.server != null) {
			closeQuietly(this.server);
		}
		this.sockets.forEach(TcpForwarder::closeQuietly);
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// closing anyway
		}
	}

}
