package dev.dcf.standalone.embedded;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded registry against Confluent's documented REST API, over raw HTTP, on a real
 * embedded broker.
 */
class EmbeddedSchemaRegistryIT {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final String V1 = "application/vnd.schemaregistry.v1+json";

	private static final String USER_V1 = """
			{"type":"record","name":"User","namespace":"test","fields":[{"name":"name","type":"string"}]}""";

	/** The same schema as {@link #USER_V1}, written differently. */
	private static final String USER_V1_REFORMATTED = """
			{ "namespace": "test", "name": "User", "type": "record",
			  "fields": [ { "type": "string", "name": "name" } ] }""";

	/** Adds a field with a default: backward compatible. */
	private static final String USER_V2 = """
			{"type":"record","name":"User","namespace":"test","fields":[{"name":"name","type":"string"},
			 {"name":"age","type":"int","default":0}]}""";

	/** Adds a field without a default: not backward compatible. */
	private static final String USER_REQUIRED_AGE = """
			{"type":"record","name":"User","namespace":"test","fields":[{"name":"name","type":"string"},
			 {"name":"age","type":"int"}]}""";

	/** Drops the field {@code name} (which has no default): not forward compatible. */
	private static final String USER_WITHOUT_NAME = """
			{"type":"record","name":"User","namespace":"test","fields":[{"name":"age","type":"int","default":0}]}""";

	private static EmbeddedKafka kafka;

	private static EmbeddedSchemaRegistry registry;

	private String subject;

	@BeforeAll
	static void startInfrastructure() {
		kafka = EmbeddedKafka.builder().port(0).build();
		kafka.start();
		registry = EmbeddedSchemaRegistry.builder().port(0).bootstrapServers(kafka.bootstrapServers()).build();
		registry.start();
	}

	@AfterAll
	static void stopInfrastructure() {
		if (registry != null) {
			registry.close();
		}
		if (kafka != null) {
			kafka.close();
		}
	}

	@org.junit.jupiter.api.BeforeEach
	void uniqueSubject(TestInfo test) {
		this.subject = test.getTestMethod().orElseThrow().getName() + "-value";
	}

	@AfterEach
	void restoreGlobalLevel() throws Exception {
		put("/config", "{\"compatibility\":\"BACKWARD\"}");
	}

	@Test
	void registerReturnsAnIdAndTheSameSchemaTwiceGetsTheSameId() throws Exception {
		Response first = register(this.subject, USER_V1);
		Response second = register(this.subject, USER_V1);

		assertThat(first.status).isEqualTo(200);
		assertThat(first.contentType).startsWith(V1);
		assertThat(first.json.get("id").asInt()).isPositive();
		assertThat(second.json.get("id").asInt()).isEqualTo(first.json.get("id").asInt());
		assertThat(get("/subjects/" + this.subject + "/versions").json).hasSize(1);
	}

	@Test
	void sameSchemaWrittenDifferentlyGetsTheSameIdAndNoNewVersion() throws Exception {
		int id = register(this.subject, USER_V1).id();

		assertThat(register(this.subject, USER_V1_REFORMATTED).id()).isEqualTo(id);
		assertThat(get("/subjects/" + this.subject + "/versions").json.toString()).isEqualTo("[1]");
	}

	@Test
	void sameSchemaUnderAnotherSubjectKeepsItsGlobalId() throws Exception {
		int id = register(this.subject, USER_V1).id();

		assertThat(register(this.subject + "-other", USER_V1_REFORMATTED).id()).isEqualTo(id);
	}

	@Test
	void idsAreGlobalAndIncreasing() throws Exception {
		int first = register(this.subject, USER_V1).id();
		int second = register(this.subject, USER_V2).id();
		int third = register(this.subject + "-b", """
				{"type":"record","name":"Other","fields":[{"name":"x","type":"long"}]}""").id();

		assertThat(second).isGreaterThan(first);
		assertThat(third).isGreaterThan(second);
	}

	@Test
	void incompatibleSchemaIsRefusedWith409() throws Exception {
		register(this.subject, USER_V1);

		Response refused = register(this.subject, USER_REQUIRED_AGE);

		assertError(refused, 409, 409);
		assertThat(refused.json.get("message").asText()).contains("incompatible").contains(this.subject);
		assertThat(get("/subjects/" + this.subject + "/versions").json).hasSize(1);
	}

	@Test
	void compatibleEvolutionGetsTheNextVersion() throws Exception {
		register(this.subject, USER_V1);
		int id = register(this.subject, USER_V2).id();

		Response latest = get("/subjects/" + this.subject + "/versions/latest");

		assertThat(latest.status).isEqualTo(200);
		assertThat(latest.json.get("subject").asText()).isEqualTo(this.subject);
		assertThat(latest.json.get("version").asInt()).isEqualTo(2);
		assertThat(latest.json.get("id").asInt()).isEqualTo(id);
		assertThat(JSON.readTree(latest.json.get("schema").asText())).isEqualTo(JSON.readTree(USER_V2));
	}

	@Test
	void invalidSchemaIsRefusedWith42201() throws Exception {
		assertError(register(this.subject, "{\"type\":\"record\",\"name\":\"Broken\"}"), 422, 42201);
		assertError(register(this.subject, "not json at all"), 422, 42201);
		assertError(post("/subjects/" + this.subject + "/versions", "{}"), 422, 42201);
		assertError(post("/subjects/" + this.subject + "/versions",
				body(USER_V1).replace("{\"schema\"", "{\"schemaType\":\"PROTOBUF\",\"schema\"")), 422, 42201);
		assertThat(get("/subjects").json.toString()).doesNotContain(this.subject);
	}

	@Test
	void lookupFindsTheVersionOfASchema() throws Exception {
		register(this.subject, USER_V1);
		int id = register(this.subject, USER_V2).id();

		Response found = post("/subjects/" + this.subject, body(USER_V2));

		assertThat(found.status).isEqualTo(200);
		assertThat(found.json.get("subject").asText()).isEqualTo(this.subject);
		assertThat(found.json.get("version").asInt()).isEqualTo(2);
		assertThat(found.json.get("id").asInt()).isEqualTo(id);
		assertThat(found.json.has("schema")).isTrue();
	}

	@Test
	void lookupOfAnUnknownSchemaOrSubjectIs404() throws Exception {
		register(this.subject, USER_V1);

		assertError(post("/subjects/" + this.subject, body(USER_V2)), 404, 40403);
		assertError(post("/subjects/no-such-subject", body(USER_V1)), 404, 40401);
		assertError(post("/subjects/" + this.subject, body("{\"type\":\"nope\"}")), 422, 42201);
	}

	@Test
	void schemaByIdReturnsTheSchemaAndUnknownIdIs404() throws Exception {
		int id = register(this.subject, USER_V1).id();

		Response found = get("/schemas/ids/" + id);

		assertThat(found.status).isEqualTo(200);
		assertThat(JSON.readTree(found.json.get("schema").asText())).isEqualTo(JSON.readTree(USER_V1));
		Response missing = get("/schemas/ids/999999");
		assertError(missing, 404, 40403);
		assertThat(missing.json.get("message").asText()).isEqualTo("Schema 999999 not found");
	}

	@Test
	void listsSubjectsAndVersions() throws Exception {
		register(this.subject, USER_V1);
		register(this.subject, USER_V2);

		assertThat(get("/subjects").json).extracting(JsonNode::asText).contains(this.subject);
		assertThat(get("/subjects/" + this.subject + "/versions").json.toString()).isEqualTo("[1,2]");
		assertError(get("/subjects/no-such-subject/versions"), 404, 40401);
	}

	@Test
	void getsVersionsByNumberAndLatestWithConfluentErrors() throws Exception {
		int id = register(this.subject, USER_V1).id();

		Response first = get("/subjects/" + this.subject + "/versions/1");
		assertThat(first.json.get("id").asInt()).isEqualTo(id);
		assertThat(first.json.get("version").asInt()).isEqualTo(1);
		assertThat(get("/subjects/" + this.subject + "/versions/-1").json.get("version").asInt()).isEqualTo(1);

		Response unknownVersion = get("/subjects/" + this.subject + "/versions/7");
		assertError(unknownVersion, 404, 40402);
		assertThat(unknownVersion.json.get("message").asText()).isEqualTo("Version 7 not found.");
		assertError(get("/subjects/no-such-subject/versions/1"), 404, 40401);
		assertError(get("/subjects/no-such-subject/versions/latest"), 404, 40401);
		assertError(get("/subjects/" + this.subject + "/versions/zero"), 422, 42202);
		assertError(get("/subjects/" + this.subject + "/versions/0"), 422, 42202);
	}

	@Test
	void compatibilityCheckAnswersIsCompatible() throws Exception {
		register(this.subject, USER_V1);
		String path = "/compatibility/subjects/" + this.subject + "/versions/";

		Response compatible = post(path + "latest", body(USER_V2));
		Response incompatible = post(path + "1", body(USER_REQUIRED_AGE));

		assertThat(compatible.status).isEqualTo(200);
		assertThat(compatible.json.toString()).isEqualTo("{\"is_compatible\":true}");
		assertThat(incompatible.json.toString()).isEqualTo("{\"is_compatible\":false}");
		Response verbose = post(path + "latest?verbose=true", body(USER_REQUIRED_AGE));
		assertThat(verbose.json.get("messages")).isNotEmpty();
		assertThat(get("/subjects/" + this.subject + "/versions").json).hasSize(1);
	}

	@Test
	void compatibilityCheckErrorsAreConfluents() throws Exception {
		register(this.subject, USER_V1);
		String path = "/compatibility/subjects/" + this.subject + "/versions/";

		assertError(post("/compatibility/subjects/no-such-subject/versions/latest", body(USER_V1)), 404, 40401);
		assertError(post(path + "9", body(USER_V1)), 404, 40402);
		assertError(post(path + "abc", body(USER_V1)), 422, 42202);
		assertError(post(path + "latest", body("{\"type\":\"record\"}")), 422, 42201);
	}

	@Test
	void globalConfigDefaultsToBackwardAndCanBeChanged() throws Exception {
		assertThat(get("/config").json.toString()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");

		Response changed = put("/config", "{\"compatibility\":\"NONE\"}");

		assertThat(changed.status).isEqualTo(200);
		assertThat(changed.json.toString()).isEqualTo("{\"compatibility\":\"NONE\"}");
		assertThat(get("/config").json.get("compatibilityLevel").asText()).isEqualTo("NONE");
		register(this.subject, USER_V1);
		assertThat(register(this.subject, USER_REQUIRED_AGE).status).as("NONE accepts anything").isEqualTo(200);
	}

	@Test
	void invalidCompatibilityLevelIs42203() throws Exception {
		assertError(put("/config", "{\"compatibility\":\"SIDEWAYS\"}"), 422, 42203);
		assertError(put("/config/" + this.subject, "{\"compatibility\":\"SIDEWAYS\"}"), 422, 42203);
		assertError(put("/config", "{}"), 422, 42203);
		assertThat(get("/config").json.get("compatibilityLevel").asText()).isEqualTo("BACKWARD");
	}

	@Test
	void subjectConfigOverridesTheGlobalLevel() throws Exception {
		assertError(get("/config/" + this.subject), 404, 40408);
		assertThat(get("/config/" + this.subject + "?defaultToGlobal=true").json.get("compatibilityLevel").asText())
			.isEqualTo("BACKWARD");

		Response changed = put("/config/" + this.subject, "{\"compatibility\":\"forward\"}");

		assertThat(changed.json.toString()).isEqualTo("{\"compatibility\":\"FORWARD\"}");
		assertThat(get("/config/" + this.subject).json.get("compatibilityLevel").asText()).isEqualTo("FORWARD");
		assertThat(get("/config").json.get("compatibilityLevel").asText()).isEqualTo("BACKWARD");
		register(this.subject, USER_V1);
		// FORWARD: the old schema must read the new data, a new required field is fine
		// ...
		assertThat(register(this.subject, USER_REQUIRED_AGE).status).isEqualTo(200);
		// ... but dropping a field the old schema needs is not
		assertError(register(this.subject, USER_WITHOUT_NAME), 409, 409);
	}

	@Test
	void fullTransitiveChecksEveryVersion() throws Exception {
		put("/config/" + this.subject, "{\"compatibility\":\"NONE\"}");
		register(this.subject, USER_V1);
		register(this.subject, USER_WITHOUT_NAME);
		put("/config/" + this.subject, "{\"compatibility\":\"FULL\"}");
		String onlyAge = """
				{"type":"record","name":"User","namespace":"test","fields":[{"name":"age","type":"int","default":0},
				 {"name":"city","type":"string","default":""}]}""";
		assertThat(post("/compatibility/subjects/" + this.subject + "/versions/latest", body(onlyAge)).json
			.get("is_compatible")
			.asBoolean()).as("compatible with the latest version").isTrue();

		put("/config/" + this.subject, "{\"compatibility\":\"FULL_TRANSITIVE\"}");

		assertThat(post("/compatibility/subjects/" + this.subject + "/versions/latest", body(onlyAge)).json
			.get("is_compatible")
			.asBoolean()).as("not with version 1, which needs 'name'").isFalse();
		assertError(register(this.subject, onlyAge), 409, 409);
	}

	@Test
	void acceptsPlainJsonAndRefusesOtherMediaTypes() throws Exception {
		HttpRequest plainJson = HttpRequest.newBuilder(uri("/subjects/" + this.subject + "/versions"))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.POST(BodyPublishers.ofString(body(USER_V1)))
			.build();
		Response accepted = send(plainJson);
		assertThat(accepted.status).isEqualTo(200);
		assertThat(accepted.contentType).startsWith("application/json");

		HttpRequest text = HttpRequest.newBuilder(uri("/subjects/" + this.subject + "/versions"))
			.header("Content-Type", "text/plain")
			.POST(BodyPublishers.ofString(body(USER_V1)))
			.build();
		assertError(send(text), 415, 415);
	}

	@Test
	void unknownPathsAndMethodsAnswerWithErrorBodies() throws Exception {
		assertError(get("/nothing/here"), 404, 404);
		assertError(get("/schemas/ids/not-a-number"), 404, 404);
		assertError(send(HttpRequest.newBuilder(uri("/subjects")).DELETE().build()), 405, 405);
		assertError(post("/subjects/" + this.subject + "/versions", "{not json"), 400, 400);
	}

	@Test
	void subjectsWithReservedCharactersAreDecoded() throws Exception {
		String odd = "team/a b+c-value";
		int id = register(odd, USER_V1).id();

		assertThat(get("/subjects").json).extracting(JsonNode::asText).contains(odd);
		assertThat(get("/subjects/" + encode(odd) + "/versions/1").json.get("id").asInt()).isEqualTo(id);
	}

	@Test
	void concurrentRegistrationsOfOneSchemaGetOneId() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<Integer>> ids = new ArrayList<>();
			for (int i = 0; i < 16; i++) {
				Callable<Integer> call = () -> register(this.subject, USER_V1).id();
				ids.add(pool.submit(call));
			}
			List<Integer> answers = new ArrayList<>();
			for (Future<Integer> id : ids) {
				answers.add(id.get());
			}
			assertThat(answers).containsOnly(answers.get(0));
			assertThat(get("/subjects/" + this.subject + "/versions").json).hasSize(1);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void idsVersionsAndConfigSurviveARegistryRestart() throws Exception {
		int v1 = register(this.subject, USER_V1).id();
		int v2 = register(this.subject, USER_V2).id();
		put("/config/" + this.subject, "{\"compatibility\":\"FULL\"}");
		int port = registry.port();

		registry.stop();
		registry.start();

		assertThat(registry.port()).isEqualTo(port);
		assertSurvived(v1, v2);
	}

	@Test
	void idsVersionsAndConfigSurviveARestartOfBrokerAndRegistry() throws Exception {
		int v1 = register(this.subject, USER_V1).id();
		int v2 = register(this.subject, USER_V2).id();
		put("/config/" + this.subject, "{\"compatibility\":\"FULL\"}");

		registry.stop();
		kafka.stop();
		kafka.start();
		registry.start();

		assertSurvived(v1, v2);
	}

	private void assertSurvived(int v1, int v2) throws Exception {
		assertThat(get("/schemas/ids/" + v1).status).isEqualTo(200);
		assertThat(register(this.subject, USER_V1).id()).isEqualTo(v1);
		assertThat(register(this.subject, USER_V2).id()).isEqualTo(v2);
		assertThat(get("/subjects/" + this.subject + "/versions").json.toString()).isEqualTo("[1,2]");
		assertThat(get("/config/" + this.subject).json.get("compatibilityLevel").asText()).isEqualTo("FULL");
		int next = register(this.subject + "-after", """
				{"type":"record","name":"After","fields":[{"name":"x","type":"long"}]}""").id();
		assertThat(next).as("ids are not reused after a restart").isGreaterThan(v2);
	}

	private static void assertError(Response response, int status, int errorCode) {
		assertThat(response.status).as("status of %s", response.json).isEqualTo(status);
		assertThat(response.json.get("error_code").asInt()).as("error_code of %s", response.json).isEqualTo(errorCode);
		assertThat(response.json.get("message").asText()).isNotBlank();
	}

	private static Response register(String subject, String schema) throws Exception {
		return post("/subjects/" + encode(subject) + "/versions", body(schema));
	}

	private static String body(String schema) throws IOException {
		return JSON.createObjectNode().put("schema", schema).toString();
	}

	private static Response get(String path) throws Exception {
		return send(HttpRequest.newBuilder(uri(path)).header("Accept", V1).GET().build());
	}

	private static Response post(String path, String json) throws Exception {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", V1)
			.header("Accept", V1)
			.POST(BodyPublishers.ofString(json))
			.build());
	}

	private static Response put(String path, String json) throws Exception {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", V1)
			.PUT(BodyPublishers.ofString(json))
			.build());
	}

	private static Response send(HttpRequest request) throws Exception {
		var response = HTTP.send(request, BodyHandlers.ofString());
		return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
				JSON.readTree(response.body()));
	}

	private static URI uri(String path) {
		return URI.create(registry.url() + path);
	}

	private static String encode(String segment) {
		return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private record Response(int status, String contentType, JsonNode json) {

		int id() {
			assertThat(this.status).as("register answered %s", this.json).isEqualTo(200);
			return this.json.get("id").asInt();
		}

	}

}
