package dev.dcf.handler.e2e;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * An image registry on a free 127.0.0.1 port that answers every request with 503, after
 * an optional delay (Docker treats 127.0.0.0/8 as an insecure registry, so plain HTTP
 * works). One request per connection; a TLS hello (the daemon tries HTTPS first) is hung
 * up on at once, so the daemon falls back to HTTP without waiting.
 */
final class UnavailableRegistry implements AutoCloseable {

	private static final String BODY = "{\"errors\":[{\"code\":\"UNAVAILABLE\",\"message\":\"service unavailable\"}]}";

	private final ServerSocket server;

	private final Duration delay;

	UnavailableRegistry() {
		this(Duration.ZERO);
	}

	/**
	 * @param delay how long each answer takes (a slow registry)
	 */
	UnavailableRegistry(Duration delay) {
		this.delay = delay;
		try {
			this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Thread thread = new Thread(this::serve, "unavailable-registry");
		thread.setDaemon(true);
		thread.start();
	}

	/** {@code localhost:<port>}, as images name it. */
	String host() {
		return "localhost:" + this.server.getLocalPort();
	}

	private void serve() {
		while (!this.server.isClosed()) {
			try (Socket socket = this.server.accept()) {
				socket.setSoTimeout(5000);
				answer(socket, this.delay);
			}
			catch (IOException ex) {
				// closed, or a client that went away
			}
		}
	}

	private static void answer(Socket socket, Duration delay) throws IOException {
		InputStream in = new BufferedInputStream(socket.getInputStream());
		in.mark(1);
		if (in.read() == 0x16) {
			// TLS handshake: no HTTPS here
			return;
		}
		in.reset();
		String requestLine = readLine(in);
		while (!readLine(in).isEmpty()) {
			// headers: a pull sends no body
		}
		pause(delay);
		byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
		String head = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
				+ "Docker-Distribution-Api-Version: registry/2.0\r\nContent-Length: " + body.length
				+ "\r\nConnection: close\r\n\r\n";
		OutputStream out = socket.getOutputStream();
		out.write(head.getBytes(StandardCharsets.US_ASCII));
		if (!requestLine.startsWith("HEAD ")) {
			out.write(body);
		}
		out.flush();
	}

	private static void pause(Duration delay) {
		try {
			Thread.sleep(delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static String readLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		int c;
		while ((c = in.read()) != -1 && c != '\n') {
			if (c != '\r') {
				line.append((char) c);
			}
		}
		return line.toString();
	}

	@Override
	public void close() {
		try {
			this.server.close();
		}
		catch (IOException ex) {
			// closing
		}
	}

}
