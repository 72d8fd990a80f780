package dev.dcf.schemes.registry;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * {@link SchemaRegistryClient} over HTTP ({@code java.net.http}) against the Confluent
 * REST API.
 *
 * <p>
 * Thread-safe. Caches (subject, schema) to id and id to schema for the life of the
 * client: both are immutable in a Confluent registry. Concurrent misses may fetch the
 * same entry twice, which is harmless; no HTTP call is made while holding a lock. Every
 * call is bounded by the connect and request timeouts of {@link RegistryClientConfig},
 * and answers are limited to {@value #MAX_BODY_BYTES} bytes.
 */
public class HttpSchemaRegistryClient implements SchemaRegistryClient {

	/** Content type of the Confluent API, v1. */
	public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

	static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

	private static final ObjectMapper JSON = new ObjectMapper();

	private final RegistryClientConfig config;

	private final String baseUrl;

	private final Optional<String> authorization;

	private final HttpClient http;

	private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();

	private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

	public HttpSchemaRegistryClient(RegistryClientConfig config) {
		this.config = Objects.requireNonNull(config, "config");
		this.baseUrl = config.baseUrl();
		this.authorization = config.basicAuthCredentials()
			.map((credentials) -> "Basic "
					+ Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		this.http = HttpClient.newBuilder()
			.connectTimeout(config.connectTimeout())
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	@Override
	public int register(String subject, Schema schema) {
		SubjectSchema key = new SubjectSchema(subject, schema);
		Integer cached = this.idsBySubjectSchema.get(key);
		if (cached != null) {
			return cached;
		}
		JsonNode answer = call("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
		int id = requiredInt(answer, "id", "POST /subjects/{subject}/versions");
		remember(key, id);
		return id;
	}

	@Override
	public int lookup(String subject, Schema schema) {
		SubjectSchema key = new SubjectSchema(subject, schema);
		Integer cached = this.idsBySubjectSchema.get(key);
		if (cached != null) {
			return cached;
		}
		JsonNode answer = call("POST", "/subjects/" + encode(subject), schemaBody(schema));
		int id = requiredInt(answer, "id", "POST /subjects/{subject}");
		remember(key, id);
		return id;
	}

	@Override
	public Schema schemaById(int id) {
		Schema cached = this.schemasById.get(id);
		if (cached != null) {
			return cached;
		}
		JsonNode answer = call("GET", "/schemas/ids/" + id, null);
		Schema schema = parseSchema(answer, "schema id " + id);
		Schema previous = this.schemasById.putIfAbsent(id, schema);
		return (previous != null) ? previous : schema;
	}

	@Override
	public RegisteredSchema latest(String subject) {
		JsonNode answer = call("GET", "/subjects/" + encode(subject) + "/versions/latest", null);
		String what = "latest version of subject " + subject;
		int id = requiredInt(answer, "id", what);
		Schema schema = parseSchema(answer, what);
		this.schemasById.putIfAbsent(id, schema);
		return new RegisteredSchema(answer.path("subject").asText(subject), requiredInt(answer, "version", what), id,
				schema);
	}

	@Override
	public String toString() {
		return "HttpSchemaRegistryClient[" + this.config + "]";
	}

	private void remember(SubjectSchema key, int id) {
		this.idsBySubjectSchema.put(key, id);
		this.schemasById.putIfAbsent(id, key.schema());
	}

	/** Sends one request and returns the JSON answer of a 2xx, else throws. */
	private JsonNode call(String method, String path, String jsonBody) {
		String what = method + " " + path;
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(this.config.requestTimeout())
			.header("Accept", CONTENT_TYPE + ", application/json");
		this.authorization.ifPresent((value) -> request.header("Authorization", value));
		if (jsonBody != null) {
			request.header("Content-Type", CONTENT_TYPE)
				.method(method, HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		CompletableFuture<HttpResponse<byte[]>> pending = this.http.sendAsync(request.build(),
				BoundedBodySubscriber.handler(MAX_BODY_BYTES));
		HttpResponse<byte[]> response;
		try {
			// the request timeout of java.net.http ends with the headers; this bounds the
			// body too
			response = pending.get(this.config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			pending.cancel(true);
			throw unreachable(what, "no answer within " + this.config.requestTimeout(), ex);
		}
		catch (InterruptedException ex) {
			pending.cancel(true);
			Thread.currentThread().interrupt();
			throw unreachable(what, "interrupted while waiting for the answer", ex);
		}
		catch (ExecutionException ex) {
			throw failure(what, ex.getCause());
		}
		return answer(what, response);
	}

	private JsonNode answer(String what, HttpResponse<byte[]> response) {
		int status = response.statusCode();
		String body = new String(response.body(), StandardCharsets.UTF_8);
		JsonNode json = readJson(body);
		if (status >= 200 && status < 300) {
			if (json == null || !json.isObject()) {
				throw new SchemaRegistryException(status, SchemaRegistryException.NO_ERROR_CODE,
						"Schema registry at " + this.baseUrl + " answered " + what + " with HTTP " + status
								+ " but no JSON object: " + abbreviate(body));
			}
			return json;
		}
		boolean confluentError = json != null && json.hasNonNull("error_code");
		int errorCode = confluentError ? json.path("error_code").asInt(SchemaRegistryException.NO_ERROR_CODE)
				: SchemaRegistryException.NO_ERROR_CODE;
		String detail = (confluentError && json.hasNonNull("message")) ? json.path("message").asText()
				: abbreviate(body);
		throw new SchemaRegistryException(status, errorCode,
				"Schema registry at " + this.baseUrl + " refused " + what + ": HTTP " + status
						+ ((errorCode != SchemaRegistryException.NO_ERROR_CODE) ? ", error " + errorCode : "") + ": "
						+ detail);
	}

	private SchemaRegistryException failure(String what, Throwable cause) {
		if (cause instanceof HttpConnectTimeoutException) {
			return unreachable(what, "could not connect within " + this.config.connectTimeout(), cause);
		}
		if (cause instanceof HttpTimeoutException) {
			return unreachable(what, "no answer within " + this.config.requestTimeout(), cause);
		}
		if (cause instanceof ConnectException) {
			return unreachable(what, "connection refused", cause);
		}
		if (cause instanceof IOException) {
			return unreachable(what, "I/O error: " + cause.getMessage(), cause);
		}
		return unreachable(what, String.valueOf(cause), cause);
	}

	private SchemaRegistryException unreachable(String what, String reason, Throwable cause) {
		return new SchemaRegistryException(SchemaRegistryException.NO_HTTP_STATUS,
				SchemaRegistryException.NO_ERROR_CODE,
				"Schema registry at " + this.baseUrl + " is unreachable (" + what + "): " + reason, cause);
	}

	private Schema parseSchema(JsonNode answer, String what) {
		String type = answer.path("schemaType").asText("AVRO");
		if (!"AVRO".equals(type)) {
			throw new SchemaRegistryException(200, SchemaRegistryException.NO_ERROR_CODE, "Schema registry at "
					+ this.baseUrl + " returned a " + type + " schema for " + what + "; only AVRO is supported");
		}
		JsonNode text = answer.get("schema");
		if (text == null || !text.isTextual()) {
			throw new SchemaRegistryException(200, SchemaRegistryException.NO_ERROR_CODE,
					"Schema registry at " + this.baseUrl + " returned no schema for " + what);
		}
		try {
			return new Schema.Parser().parse(text.asText());
		}
		catch (SchemaParseException ex) {
			throw new SchemaRegistryException(200, SchemaRegistryException.NO_ERROR_CODE, "Schema registry at "
					+ this.baseUrl + " returned a schema for " + what + " that Avro cannot parse: " + ex.getMessage(),
					ex);
		}
	}

	private int requiredInt(JsonNode answer, String field, String what) {
		JsonNode value = answer.get(field);
		if (value == null || !value.canConvertToInt()) {
			throw new SchemaRegistryException(200, SchemaRegistryException.NO_ERROR_CODE,
					"Schema registry at " + this.baseUrl + " answered " + what + " without an integer '" + field + "': "
							+ abbreviate(answer.toString()));
		}
		return value.intValue();
	}

	private static String schemaBody(Schema schema) {
		return JSON.createObjectNode().put("schema", schema.toString()).toString();
	}

	private static JsonNode readJson(String body) {
		if (body.isBlank()) {
			return null;
		}
		try {
			return JSON.readTree(body);
		}
		catch (JsonProcessingException ex) {
			return null;
		}
	}

	static String encode(String subject) {
		if (subject == null || subject.isEmpty()) {
			throw new IllegalArgumentException("subject must not be empty");
		}
		return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static String abbreviate(String text) {
		String oneLine = text.replaceAll("\\s+", " ").strip();
		return (oneLine.length() <= 200) ? oneLine : oneLine.substring(0, 200) + "...";
	}

	/** Cache key; {@link Schema} caches its hash code, so lookups stay cheap. */
	private record SubjectSchema(String subject, Schema schema) {
	}

}
