package dev.dcf.agent.runtime;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A unix socket in front of the real Docker daemon, for tests that need the daemon to go
 * away and come back without touching the shared dockerd: point a runtime at
 * {@link #uri()}, then {@link #stop()} (the daemon is gone: connections drop, the socket
 * file disappears), {@link #dropConnections()} (the daemon restarted: connections drop,
 * new ones work) or {@link #start()} again.
 *
 * <p>
 * In {@linkplain #silent(Path) silent} mode it accepts connections and never answers: a
 * hung daemon. A forwarding proxy can hang for a while: {@link #freeze()} (requests on
 * open and new connections get no answer, nothing is closed) and {@link #thaw()}. Not for
 * production; threads are daemons.
 */
public final class DockerSocketProxy implements AutoCloseable {

	/** The real daemon's socket. */
	public static final Path DOCKER_SOCKET = Path.of("/var/run/docker.sock");

	private final Path socket;

	private final Path target;

	private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();

	private volatile ServerSocketChannel server;

	private final Object thawed = new Object();

	private volatile boolean frozen;

	private DockerSocketProxy(Path socket, Path target) {
		this.socket = socket.toAbsolutePath();
		this.target = target;
	}

	/** A started proxy at {@code socket} forwarding to the real daemon. */
	public static DockerSocketProxy forwarding(Path socket) {
		DockerSocketProxy proxy = new DockerSocketProxy(socket, DOCKER_SOCKET);
		proxy.start();
		return proxy;
	}

	/** A started socket at {@code socket} that accepts connections and never answers. */
	public static DockerSocketProxy silent(Path socket) {
		DockerSocketProxy proxy = new DockerSocketProxy(socket, null);
		proxy.start();
		return proxy;
	}

	/** {@code unix://} address of the proxy socket. */
	public URI uri() {
		return URI.create("unix://" + this.socket);
	}

	/** Listens (again) on the socket path. */
	public synchronized void start() {
		if (this.server != null) {
			return;
		}
		try {
			Files.createDirectories(this.socket.getParent());
			Files.deleteIfExists(this.socket);
			ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
			channel.bind(UnixDomainSocketAddress.of(this.socket));
			this.server = channel;
			daemon("proxy-accept " + this.socket.getFileName(), () -> acceptLoop(channel));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot listen on " + this.socket, ex);
		}
	}

	/** Stops listening, drops every connection and removes the socket file. */
	public synchronized void stop() {
		ServerSocketChannel channel = this.server;
		this.server = null;
		closeQuietly(channel);
		dropConnections();
		try {
			Files.deleteIfExists(this.socket);
		}
		catch (IOException ex) {
			// a left-over file only makes the next start() delete it
		}
	}

	/** Drops every open connection and keeps listening. */
	public void dropConnections() {
		for (SocketChannel channel : this.open) {
			closeQuietly(channel);
		}
		this.open.clear();
	}

	/**
	 * The daemon hangs: connections stay open and are accepted, but nothing is forwarded
	 * any more, in either direction, until {@link #thaw()}.
	 */
	public void freeze() {
		this.frozen = true;
	}

	/**
	 * The daemon answers again. Connections that saw the hang are dropped (what they held
	 * is stale, as after a daemon restart); new ones are forwarded.
	 */
	public void thaw() {
		synchronized (this.thawed) {
			this.frozen = false;
			this.thawed.notifyAll();
		}
		dropConnections();
	}

	@Override
	public void close() {
		thaw();
		stop();
	}

	private void acceptLoop(ServerSocketChannel channel) {
		while (channel.isOpen()) {
			try {
				SocketChannel client = channel.accept();
				this.open.add(client);
				// accepted while frozen: held open unanswered, dropped on thaw
				if (this.target != null && !this.frozen) {
					SocketChannel upstream = SocketChannel.open(UnixDomainSocketAddress.of(this.target));
					this.open.add(upstream);
					daemon("proxy-up", () -> pump(client, upstream));
					daemon("proxy-down", () -> pump(upstream, client));
				}
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void pump(SocketChannel from, SocketChannel to) {
		ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
		try {
			while (from.read(buffer) >= 0) {
				if (awaitThaw()) {
					// read while frozen: the other side has given up on it
					return;
				}
				buffer.flip();
				while (buffer.hasRemaining()) {
					to.write(buffer);
				}
				buffer.clear();
			}
		}
		catch (IOException ex) {
			// one side closed
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
			this.open.remove(from);
			this.open.remove(to);
		}
	}

	/** Blocks while frozen; whether it was. */
	private boolean awaitThaw() {
		if (!this.frozen) {
			return false;
		}
		synchronized (this.thawed) {
			while (this.frozen) {
				try {
					this.thawed.wait();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return true;
				}
			}
		}
		return true;
	}

	private static void daemon(String name, Runnable body) {
		Thread thread = new Thread(body, name);
		thread.setDaemon(true);
		thread.start();
	}

	private static void closeQuietly(java.io.Closeable closeable) {
		if (closeable == null) {
			return;
		}
		try {
			closeable.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

}
