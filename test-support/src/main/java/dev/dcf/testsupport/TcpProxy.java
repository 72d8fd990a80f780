package dev.dcf.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP proxy the test controls, for outage tests: forwards every connection to
 * a target port; {@link #cut()} closes the open connections and refuses new ones
 * (accepted and closed at once, so the port stays bound and nobody else takes it) until
 * {@link #restore()}. The fault suite cuts the handler alone off Kafka with it while the
 * agents keep theirs; the handler's tests cut the schema registry. Threads are daemons.
 */
public final class TcpProxy implements AutoCloseable {

	private final int port;

	private final int targetPort;

	private final ServerSocket server;

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private volatile boolean cut;

	private volatile boolean closed;

	/**
	 * A proxy on a free loopback port.
	 * @param targetPort the server's port on loopback
	 */
	public TcpProxy(int targetPort) {
		this(0, targetPort);
	}

	/**
	 * A proxy on the given loopback port.
	 * @param port where to listen, {@code 0} for a free port
	 * @param targetPort the server's port on loopback
	 */
	public TcpProxy(int port, int targetPort) {
		this.targetPort = targetPort;
		try {
			this.server = new ServerSocket();
			this.server.setReuseAddress(true);
			this.server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
			this.port = this.server.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot listen on " + port, ex);
		}
		Thread acceptor = new Thread(this::accept, "proxy-" + this.port);
		acceptor.setDaemon(true);
		acceptor.start();
	}

	/** The port clients connect to. */
	public int port() {
		return this.port;
	}

	/** Closes every open connection and refuses new ones until {@link #restore()}. */
	public void cut() {
		this.cut = true;
		this.open.forEach(TcpProxy::closeQuietly);
		this.open.clear();
	}

	/** Forwards new connections again. */
	public void restore() {
		this.cut = false;
	}

	private void accept() {
		while (!this.closed) {
			Socket client;
			try {
				client = this.server.accept();
			}
			catch (IOException ex) {
				continue;
			}
			if (this.cut) {
				closeQuietly(client);
				continue;
			}
			try {
				Socket upstream = new Socket(InetAddress.getLoopbackAddress(), this.targetPort);
				this.open.add(client);
				this.open.add(upstream);
				pump(client, upstream);
				pump(upstream, client);
			}
			catch (IOException ex) {
				closeQuietly(client);
			}
		}
	}

	private void pump(Socket from, Socket to) {
		Thread thread = new Thread(() -> {
			byte[] buffer = new byte[16 * 1024];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				int read;
				while ((read = in.read(buffer)) >= 0) {
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (IOException ex) {
				// the other side closed, or cut() did
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
				this.open.remove(from);
				this.open.remove(to);
			}
		}, "proxy-pump");
		thread.setDaemon(true);
		thread.start();
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

	@Override
	public void close() {
		this.closed = true;
		cut();
		try {
			this.server.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

}
