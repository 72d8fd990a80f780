package dev.dcf.testsupport;

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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An image registry on a free 127.0.0.1 port that has no image (Docker treats 127.0.0.0/8
 * as an insecure registry, so plain HTTP works and nothing leaves the machine). Every
 * request of the first {@linkplain #unavailablePulls(int) unavailable pulls} (a pull
 * begins with {@code GET /v2/}) is answered with 503; later ones get 200 for {@code /v2/}
 * and 404 (manifest unknown) for everything else. Each answer may take a
 * {@linkplain #unavailable(Duration) delay} (a slow registry). Plain HTTP/1.1, one
 * request per connection; a TLS hello (the daemon tries HTTPS first) is hung up on at
 * once, so the daemon falls back to HTTP without waiting. Threads are daemons.
 */
public final class FakeImageRegistry implements AutoCloseable {

	private final AtomicInteger unavailablePulls;

	private final Duration delay;

	private final AtomicInteger pings = new AtomicInteger();

	private final List<String> requests = new CopyOnWriteArrayList<>();

	private final ServerSocket server;

	private FakeImageRegistry(int unavailablePulls, Duration delay) {
		this.unavailablePulls = new AtomicInteger(unavailablePulls);
		this.delay = delay;
		try {
			this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Thread thread = new Thread(this::serve, "fake-image-registry");
		thread.setDaemon(true);
		thread.start();
	}

	/** A registry that answers at once and knows no image; no pull meets a 503 yet. */
	public static FakeImageRegistry withoutImages() {
		return new FakeImageRegistry(0, Duration.ZERO);
	}

	/** A registry that answers every request with 503, at once. */
	public static FakeImageRegistry unavailable() {
		return unavailable(Duration.ZERO);
	}

	/**
	 * A registry that answers every request with 503.
	 * @param delay how long each answer takes (a slow registry)
	 */
	public static FakeImageRegistry unavailable(Duration delay) {
		return new FakeImageRegistry(Integer.MAX_VALUE, delay);
	}

	/**
	 * Answers the first {@code pulls} pulls (counted from the start) with 503.
	 * @param pulls how many pulls find the registry unavailable
	 */
	public void unavailablePulls(int pulls) {
		this.unavailablePulls.set(pulls);
	}

	/** {@code localhost:<port>}, as images name it. */
	public String host() {
		return "localhost:" + this.server.getLocalPort();
	}

	/** {@code METHOD path} of every request so far. */
	public List<String> requests() {
		return List.copyOf(this.requests);
	}

	/** How many pulls began ({@code /v2/} requests). */
	public int pings() {
		return this.pings.get();
	}

	private void serve() {
		while (!this.server.isClosed()) {
			try (Socket socket = this.server.accept()) {
				socket.setSoTimeout(5000);
				answer(socket);
			}
			catch (IOException ex) {
				// closed, or a client that went away
			}
		}
	}

	private void answer(Socket socket) throws IOException {
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
		String[] parts = requestLine.split(" ");
		if (parts.length < 2) {
			return;
		}
		String method = parts[0];
		String path = parts[1];
		this.requests.add(method + " " + path);
		boolean ping = path.equals("/v2/") || path.equals("/v2");
		int pull = ping ? this.pings.incrementAndGet() : this.pings.get();
		pause();
		if (pull <= this.unavailablePulls.get()) {
			send(socket, method, "503 Service Unavailable",
					"{\"errors\":[{\"code\":\"UNAVAILABLE\",\"message\":\"service unavailable\"}]}");
		}
		else if (ping) {
			send(socket, method, "200 OK", "{}");
		}
		else {
			send(socket, method, "404 Not Found",
					"{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}");
		}
	}

	private void pause() {
		try {
			Thread.sleep(this.delay.toMillis());
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

	private static void send(Socket socket, String method, String status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		String head = "HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\n"
				+ "Docker-Distribution-Api-Version: registry/2.0\r\nContent-Length: " + bytes.length
				+ "\r\nConnection: close\r\n\r\n";
		OutputStream out = socket.getOutputStream();
		out.write(head.getBytes(StandardCharsets.US_ASCII));
		if (!method.equals("HEAD")) {
			out.write(bytes);
		}
		out.flush();
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
