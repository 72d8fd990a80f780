package dev.dcf.handler.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server-sent-event stream read as a client would: events in order as they arrive, each
 * awaited with a deadline.
 */
final class EventStream implements AutoCloseable {

	record Event(String name, String data) {

	}

	private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();

	private final CountDownLatch ended = new CountDownLatch(1);

	private final InputStream body;

	private EventStream(InputStream body) {
		this.body = body;
		Thread reader = new Thread(this::read, "sse-reader");
		reader.setDaemon(true);
		reader.start();
	}

	static EventStream open(int port, String path, String user, String password) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Accept", "text/event-stream")
			.header("Authorization",
					"Basic " + Base64.getEncoder()
						.encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
			.GET()
			.build();
		HttpResponse<InputStream> response = HttpClient.newHttpClient()
			.send(request, HttpResponse.BodyHandlers.ofInputStream());
		assertThat(response.statusCode()).as("status of %s", path).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
		return new EventStream(response.body());
	}

	/** The next event, failing if none arrives within {@code timeout}. */
	Event next(Duration timeout) throws InterruptedException {
		Event event = this.events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(event).as("an event within %s", timeout).isNotNull();
		return event;
	}

	/** Skips events up to the first named {@code name}. */
	Event skipUntil(String name, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			Event event = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
			if (event.name().equals(name)) {
				return event;
			}
		}
	}

	/** Whether the server closed the stream within {@code timeout}. */
	boolean closed(Duration timeout) throws InterruptedException {
		return this.ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void read() {
		try (BufferedReader lines = new BufferedReader(new InputStreamReader(this.body, StandardCharsets.UTF_8))) {
			String name = "message";
			StringBuilder data = null;
			String line;
			while ((line = lines.readLine()) != null) {
				if (line.isEmpty()) {
					if (data != null) {
						this.events.add(new Event(name, data.toString()));
					}
					name = "message";
					data = null;
				}
				else if (line.startsWith("event:")) {
					name = line.substring("event:".length()).strip();
				}
				else if (line.startsWith("data:")) {
					String value = line.substring("data:".length());
					value = value.startsWith(" ") ? value.substring(1) : value;
					data = (data == null) ? new StringBuilder(value) : data.append('\n').append(value);
				}
			}
		}
		catch (Exception ex) {
			// closed by the test
		}
		finally {
			this.ended.countDown();
		}
	}

	@Override
	public void close() throws IOException {
		this.body.close();
	}

}
