package dev.dcf.agent.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands where a schema registry should be and never answers: it accepts each connection,
 * notes the request line ({@code GET /schemas/ids/7 HTTP/1.1}) and hangs up. To a client
 * the registry is unreachable; to the test it shows what was asked for.
 */
final class HangingUpRegistry implements AutoCloseable {

	private final ServerSocket server;

	private final List<String> requests = new CopyOnWriteArrayList<>();

	private final Thread thread;

	HangingUpRegistry(int port) {
		try {
			this.server = new ServerSocket();
			this.server.setReuseAddress(true);
			this.server.bind(new InetSocketAddress(InetAddress.getByName("localhost"), port));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot listen on port " + port, ex);
		}
		this.thread = new Thread(this::serve, "hanging-up-registry-" + port);
		this.thread.setDaemon(true);
		this.thread.start();
	}

	private void serve() {
		while (!this.server.isClosed()) {
			try (Socket socket = this.server.accept()) {
				socket.setSoTimeout(2000);
				String line = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
					.readLine();
				if (line != null) {
					this.requests.add(line);
				}
			}
			catch (SocketException ex) {
				// closed
			}
			catch (IOException ex) {
				// a client that went away first: nothing to note
			}
		}
	}

	/** Request lines received so far. */
	List<String> requests() {
		return List.copyOf(this.requests);
	}

	@Override
	public void close() {
		try {
			this.server.close();
			this.thread.join(5000);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
