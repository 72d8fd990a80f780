package dev.dcf.schemes.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaParseException;

/**
 * A loopback HTTP server answering like Confluent's schema registry (documented REST
 * API): register with BACKWARD checks against the latest version, lookup, schema by id,
 * latest version; Confluent's status codes and {@code {"error_code":..,"message":..}}
 * bodies. It records every request, and can be told to hang or to answer a canned
 * response.
 */
public final class FakeConfluentRegistry implements AutoCloseable {

	private static final ObjectMapper JSON = new ObjectMapper();

	/** One received request. */
	public record Request(String method, String rawPath, String contentType, String accept, String authorization) {
	}

	public final List<Request> requests = new CopyOnWriteArrayList<>();

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final CountDownLatch released = new CountDownLatch(1);

	private final Map<String, List<Integer>> versionsBySubject = new HashMap<>();

	private final Map<Integer, Schema> schemasById = new HashMap<>();

	private final Map<Schema, Integer> idsBySchema = new HashMap<>();

	private volatile boolean hang;

	private volatile Canned canned;

	private record Canned(int status, String body) {
	}

	public FakeConfluentRegistry() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	/** From now on, accept requests but never answer. */
	public void hangForever() {
		this.hang = true;
	}

	/** From now on, answer every request with this status and body. */
	public void answerAlways(int status, String body) {
		this.canned = new Canned(status, body);
	}

	public long count(String method, String rawPathPrefix) {
		return this.requests.stream()
			.filter((r) -> r.method().equals(method) && r.rawPath().startsWith(rawPathPrefix))
			.count();
	}

	@Override
	public void close() {
		this.released.countDown();
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String method = exchange.getRequestMethod();
			String path = exchange.getRequestURI().getRawPath();
			this.requests.add(new Request(method, path, exchange.getRequestHeaders().getFirst("Content-Type"),
					exchange.getRequestHeaders().getFirst("Accept"),
					exchange.getRequestHeaders().getFirst("Authorization")));
			String body;
			try (InputStream in = exchange.getRequestBody()) {
				body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			if (this.hang) {
				this.released.await();
				return;
			}
			Canned answer = this.canned;
			if (answer != null) {
				send(exchange, answer.status(), answer.body());
				return;
			}
			route(exchange, method, path.split("/"), body);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private synchronized void route(HttpExchange exchange, String method, String[] parts, String body)
			throws IOException {
		// parts[0] is "" because the path starts with '/'
		if (method.equals("POST") && parts.length == 4 && parts[1].equals("subjects") && parts[3].equals("versions")) {
			register(exchange, decode(parts[2]), body);
		}
		else if (method.equals("POST") && parts.length == 3 && parts[1].equals("subjects")) {
			lookup(exchange, decode(parts[2]), body);
		}
		else if (method.equals("GET") && parts.length == 4 && parts[1].equals("schemas") && parts[2].equals("ids")) {
			Schema schema = this.schemasById.get(Integer.parseInt(parts[3]));
			if (schema == null) {
				error(exchange, 404, 40403, "Schema " + parts[3] + " not found");
			}
			else {
				send(exchange, 200, JSON.createObjectNode().put("schema", schema.toString()).toString());
			}
		}
		else if (method.equals("GET") && parts.length == 5 && parts[1].equals("subjects") && parts[3].equals("versions")
				&& parts[4].equals("latest")) {
			String subject = decode(parts[2]);
			List<Integer> versions = this.versionsBySubject.get(subject);
			if (versions == null) {
				error(exchange, 404, 40401, "Subject '" + subject + "' not found.");
			}
			else {
				send(exchange, 200, describe(subject, versions.size(), versions.get(versions.size() - 1)));
			}
		}
		else {
			error(exchange, 404, 404, "HTTP 404 Not Found");
		}
	}

	private void register(HttpExchange exchange, String subject, String body) throws IOException {
		Schema schema = parse(body);
		if (schema == null) {
			error(exchange, 422, 42201, "Invalid schema");
			return;
		}
		List<Integer> versions = this.versionsBySubject.computeIfAbsent(subject, (s) -> new ArrayList<>());
		Integer known = this.idsBySchema.get(schema);
		if (known != null && versions.contains(known)) {
			send(exchange, 200, "{\"id\":" + known + "}");
			return;
		}
		if (!versions.isEmpty()) {
			Schema latest = this.schemasById.get(versions.get(versions.size() - 1));
			if (SchemaCompatibility.checkReaderWriterCompatibility(schema, latest)
				.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
				error(exchange, 409, 409,
						"Schema being registered is incompatible with an earlier schema for subject \"" + subject
								+ "\"");
				return;
			}
		}
		int id = this.idsBySchema.computeIfAbsent(schema, (s) -> {
			int next = 100 + this.schemasById.size();
			this.schemasById.put(next, s);
			return next;
		});
		versions.add(id);
		send(exchange, 200, "{\"id\":" + id + "}");
	}

	private void lookup(HttpExchange exchange, String subject, String body) throws IOException {
		List<Integer> versions = this.versionsBySubject.get(subject);
		if (versions == null) {
			error(exchange, 404, 40401, "Subject '" + subject + "' not found.");
			return;
		}
		Schema schema = parse(body);
		Integer id = (schema != null) ? this.idsBySchema.get(schema) : null;
		if (id == null || !versions.contains(id)) {
			error(exchange, 404, 40403, "Schema not found");
			return;
		}
		send(exchange, 200, describe(subject, versions.indexOf(id) + 1, id));
	}

	private String describe(String subject, int version, int id) {
		ObjectNode node = JSON.createObjectNode();
		node.put("subject", subject).put("version", version).put("id", id);
		node.put("schema", this.schemasById.get(id).toString());
		return node.toString();
	}

	/** Parses like the registry: defaults are validated. */
	private static Schema parse(String body) {
		try {
			JsonNode request = JSON.readTree(body);
			return new Schema.Parser().setValidateDefaults(true).parse(request.path("schema").asText());
		}
		catch (IOException | SchemaParseException | org.apache.avro.AvroTypeException ex) {
			return null;
		}
	}

	private static String decode(String segment) {
		return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
	}

	private static void error(HttpExchange exchange, int status, int code, String message) throws IOException {
		send(exchange, status, JSON.createObjectNode().put("error_code", code).put("message", message).toString());
	}

	private static void send(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
