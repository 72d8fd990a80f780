package dev.dcf.standalone.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dcf.standalone.embedded.SchemaStore.SchemaVersion;

/**
 * Confluent's REST API (the subset DCF's clients use) over {@link RegistryService}:
 * routing, media types, JSON bodies, and errors as {@code {"error_code":…,"message":…}}.
 */
final class RegistryHttpHandler implements HttpHandler {

	static final String V1_JSON = "application/vnd.schemaregistry.v1+json";

	private static final Set<String> REQUEST_TYPES = Set.of(V1_JSON, "application/vnd.schemaregistry+json",
			"application/json", "application/octet-stream");

	private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

	private static final Logger log = LoggerFactory.getLogger(RegistryHttpHandler.class);

	private static final ObjectMapper JSON = new ObjectMapper();

	private final RegistryService service;

	/** Null: anyone may write. */
	private final KafkaWriteAuthorization writes;

	RegistryHttpHandler(RegistryService service, KafkaWriteAuthorization writes) {
		this.service = service;
		this.writes = writes;
	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			Object body;
			int status = 200;
			try {
				body = route(new Request(exchange));
			}
			catch (RegistryException ex) {
				status = ex.status();
				body = error(ex.errorCode(), ex.getMessage());
				if (status >= 500) {
					log.warn("{} {} failed: {}", exchange.getRequestMethod(), exchange.getRequestURI(), ex.getMessage(),
							ex.getCause());
				}
			}
			catch (RuntimeException ex) {
				log.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), ex);
				status = 500;
				body = error(500, "Internal error: " + ex);
			}
			if (status == 401) {
				exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"schema-registry\"");
			}
			respond(exchange, status, body);
		}
	}

	private Object route(Request request) {
		List<String> path = request.path;
		String method = request.method;
		if (path.isEmpty()) {
			return only(method, "GET", () -> JSON.createObjectNode());
		}
		switch (path.get(0)) {
			case "subjects":
				return subjects(request, path, method);
			case "schemas":
				if (path.size() == 3 && path.get(1).equals("ids")) {
					return only(method, "GET", () -> schemaById(path.get(2)));
				}
				break;
			case "compatibility":
				if (path.size() == 5 && path.get(1).equals("subjects") && path.get(3).equals("versions")) {
					return only(method, "POST", () -> compatibility(request, path.get(2), path.get(4)));
				}
				break;
			case "config":
				if (path.size() <= 2) {
					return config(request, (path.size() == 2) ? path.get(1) : null);
				}
				break;
			default:
				break;
		}
		throw RegistryException.http(404, "HTTP 404 Not Found");
	}

	private Object subjects(Request request, List<String> path, String method) {
		if (path.size() == 1) {
			return only(method, "GET", this.service::subjects);
		}
		String subject = path.get(1);
		if (path.size() == 2) {
			return only(method, "POST", () -> {
				SchemaRequest schema = request.schemaRequest();
				return version(this.service.lookup(subject, schema.parse()));
			});
		}
		if (!path.get(2).equals("versions") || path.size() > 4) {
			throw RegistryException.http(404, "HTTP 404 Not Found");
		}
		if (path.size() == 4) {
			return only(method, "GET", () -> version(this.service.version(subject, path.get(3))));
		}
		if (method.equals("GET")) {
			return this.service.versions(subject);
		}
		return only(method, "POST", () -> {
			checkWrite(request, subject);
			SchemaRequest schema = request.schemaRequest();
			return JSON.createObjectNode().put("id", this.service.register(subject, schema.parse()));
		});
	}

	private void checkWrite(Request request, String subject) {
		if (this.writes != null) {
			this.writes.check(request.authorization, subject);
		}
	}

	private Object schemaById(String id) {
		int parsed;
		try {
			parsed = Integer.parseInt(id);
		}
		catch (NumberFormatException ex) {
			throw RegistryException.http(404, "HTTP 404 Not Found");
		}
		return JSON.createObjectNode().put("schema", this.service.schemaById(parsed));
	}

	private Object compatibility(Request request, String subject, String version) {
		List<String> problems = this.service.compatibilityProblems(subject, version,
				() -> request.schemaRequest().parse());
		ObjectNode answer = JSON.createObjectNode().put("is_compatible", problems.isEmpty());
		if ("true".equalsIgnoreCase(request.query.get("verbose"))) {
			problems.forEach(answer.putArray("messages")::add);
		}
		return answer;
	}

	private Object config(Request request, String subject) {
		if (request.method.equals("GET")) {
			if (subject == null) {
				return level("compatibilityLevel", this.service.globalLevel());
			}
			CompatibilityLevel level = this.service.subjectLevel(subject).orElseGet(() -> {
				if ("true".equalsIgnoreCase(request.query.get("defaultToGlobal"))) {
					return this.service.globalLevel();
				}
				throw RegistryException.subjectCompatibilityNotConfigured(subject);
			});
			return level("compatibilityLevel", level);
		}
		return only(request.method, "PUT", () -> {
			checkWrite(request, subject);
			String wanted = request.json().path("compatibility").asText(null);
			CompatibilityLevel level = (subject == null) ? this.service.setGlobalLevel(wanted)
					: this.service.setSubjectLevel(subject, wanted);
			return level("compatibility", level);
		});
	}

	private static ObjectNode level(String field, CompatibilityLevel level) {
		return JSON.createObjectNode().put(field, level.name());
	}

	private static ObjectNode version(SchemaVersion version) {
		return JSON.createObjectNode()
			.put("subject", version.subject())
			.put("version", version.version())
			.put("id", version.id())
			.put("schema", version.schema());
	}

	private static ObjectNode error(int code, String message) {
		return JSON.createObjectNode().put("error_code", code).put("message", message);
	}

	private static Object only(String method, String allowed, java.util.function.Supplier<Object> action) {
		if (!method.equals(allowed)) {
			throw RegistryException.http(405, "HTTP 405 Method Not Allowed");
		}
		return action.get();
	}

	private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
		byte[] bytes = JSON.writeValueAsBytes(body);
		exchange.getResponseHeaders()
			.set("Content-Type", responseType(exchange.getRequestHeaders().getFirst("Accept")));
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	/** Confluent's own media type unless the client asked for plain JSON only. */
	private static String responseType(String accept) {
		if (accept != null && accept.contains("application/json") && !accept.contains("schemaregistry")
				&& !accept.contains("*/*")) {
			return "application/json";
		}
		return V1_JSON;
	}

	/** The parts of a register, lookup or compatibility request body. */
	private record SchemaRequest(String schema, String schemaType, boolean hasReferences) {

		org.apache.avro.Schema parse() {
			return RegistryService.parse(this.schema, this.schemaType, this.hasReferences);
		}

	}

	/** A parsed HTTP request: method, decoded path segments, query, lazily read body. */
	private static final class Request {

		private final HttpExchange exchange;

		private final String method;

		private final List<String> path = new ArrayList<>();

		private final Map<String, String> query = new HashMap<>();

		private final String authorization;

		Request(HttpExchange exchange) {
			this.exchange = exchange;
			this.authorization = exchange.getRequestHeaders().getFirst("Authorization");
			this.method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
			for (String segment : exchange.getRequestURI().getRawPath().split("/")) {
				if (!segment.isEmpty()) {
					this.path.add(decode(segment));
				}
			}
			String rawQuery = exchange.getRequestURI().getRawQuery();
			if (rawQuery != null) {
				for (String pair : rawQuery.split("&")) {
					int eq = pair.indexOf('=');
					if (eq > 0) {
						this.query.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
					}
				}
			}
		}

		SchemaRequest schemaRequest() {
			JsonNode body = json();
			JsonNode references = body.path("references");
			JsonNode schema = body.get("schema");
			return new SchemaRequest((schema != null && schema.isTextual()) ? schema.asText() : null,
					body.path("schemaType").asText(null), references.isArray() && !references.isEmpty());
		}

		JsonNode json() {
			String contentType = this.exchange.getRequestHeaders().getFirst("Content-Type");
			if (contentType != null) {
				String mediaType = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
				if (!REQUEST_TYPES.contains(mediaType)) {
					throw RegistryException.http(415, "HTTP 415 Unsupported Media Type");
				}
			}
			byte[] bytes;
			try (InputStream in = this.exchange.getRequestBody()) {
				bytes = in.readNBytes(MAX_BODY_BYTES + 1);
			}
			catch (IOException ex) {
				throw RegistryException.http(400, "Cannot read the request body: " + ex.getMessage());
			}
			if (bytes.length > MAX_BODY_BYTES) {
				throw RegistryException.http(413, "Request body larger than " + MAX_BODY_BYTES + " bytes");
			}
			try {
				JsonNode node = JSON.readTree(bytes);
				if (node == null || !node.isObject()) {
					throw RegistryException.http(400, "Request body must be a JSON object");
				}
				return node;
			}
			catch (JsonProcessingException ex) {
				throw RegistryException.http(400, "Invalid JSON: " + ex.getOriginalMessage());
			}
			catch (IOException ex) {
				throw RegistryException.http(400, "Cannot read the request body: " + ex.getMessage());
			}
		}

		private static String decode(String raw) {
			// path segments: '+' is a plus, not a space
			return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
		}

	}

}
