package dev.dcf.handler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP port on loopback forwarding to a real server, for outage tests: {@link #cut()}
 * closes every forwarded connection and refuses new ones (a server that went away),
 * {@link #restore()} forwards again on the same port.
 */
public final class TcpCut implements AutoCloseable {

	private final int port;

	private final int targetPort;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private volatile ServerSocket server;

	/**
	 * A port forwarding to {@code targetPort} from the start.
	 * @param targetPort the server's port on loopback
	 */
	public TcpCut(int targetPort) {
		this.targetPort = targetPort;
		try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			this.port = probe.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		restore();
	}

	public int port() {
		return this.port;
	}

	/** Forwards (again). */
	public synchronized void restore() {
		try {
			ServerSocket listening = new ServerSocket();
			listening.setReuseAddress(true);
			listening.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), 50);
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
			}, "tcp-cut-" + this.port);
			accept.setDaemon(true);
			accept.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Closes every connection and refuses new ones until {@link #restore()}. */
	public synchronized void cut() {
		if (this.server != null) {
			closeQuietly(this.server);
			this.server = null;
		}
		this.sockets.forEach(TcpCut::closeQuietly);
		this.sockets.clear();
	}

	@Override
	public void close() {
		cut();
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
		}, "tcp-cut-pump");
		thread.setDaemon(true);
		thread.start();
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
