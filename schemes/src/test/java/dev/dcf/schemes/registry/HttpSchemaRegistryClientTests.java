package dev.dcf.schemes.registry;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import dev.dcf.schemes.avro.AgentStatus;
import dev.dcf.schemes.avro.JobStatus;
import dev.dcf.schemes.testing.FakeConfluentRegistry;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class HttpSchemaRegistryClientTests {

	private static final Duration HANG_GUARD = Duration.ofSeconds(5);

	private static final Schema V1 = new Schema.Parser().parse(
			"{\"type\":\"record\",\"name\":\"Sample\",\"namespace\":\"t\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}");

	private static final Schema V2_COMPATIBLE = new Schema.Parser().parse(
			"{\"type\":\"record\",\"name\":\"Sample\",\"namespace\":\"t\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"},"
					+ "{\"name\":\"b\",\"type\":\"int\",\"default\":0}]}");

	private static final Schema V2_INCOMPATIBLE = new Schema.Parser().parse(
			"{\"type\":\"record\",\"name\":\"Sample\",\"namespace\":\"t\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"},"
					+ "{\"name\":\"b\",\"type\":\"int\"}]}");

	private FakeConfluentRegistry registry;

	private HttpSchemaRegistryClient client;

	@BeforeEach
	void startRegistry() throws IOException {
		this.registry = new FakeConfluentRegistry();
		this.client = new HttpSchemaRegistryClient(RegistryClientConfig.of(this.registry.url()));
	}

	@AfterEach
	void stopRegistry() {
		this.registry.close();
	}

	@Test
	void registerReturnsTheIdTheRegistryAssigned() {
		int jobStatusId = this.client.register("dcf.job-status-value", JobStatus.getClassSchema());
		int agentStatusId = this.client.register("dcf.agent-status-value", AgentStatus.getClassSchema());

		assertThat(jobStatusId).isEqualTo(100);
		assertThat(agentStatusId).isEqualTo(101);
		assertThat(this.registry.count("POST", "/subjects/dcf.job-status-value/versions")).isEqualTo(1);
	}

	@Test
	void registeringTheSameSchemaTwiceMakesOneHttpCall() {
		int first = this.client.register("s-value", V1);
		int second = this.client.register("s-value", V1);

		assertThat(second).isEqualTo(first);
		assertThat(this.registry.requests).hasSize(1);
	}

	@Test
	void schemaOfAnIdIsFetchedOnceThenCached() {
		int id = this.client.register("s-value", V1);
		HttpSchemaRegistryClient consumer = new HttpSchemaRegistryClient(RegistryClientConfig.of(this.registry.url()));

		Schema first = consumer.schemaById(id);
		Schema second = consumer.schemaById(id);

		assertThat(first).isEqualTo(V1);
		assertThat(second).isSameAs(first);
		assertThat(this.registry.count("GET", "/schemas/ids/" + id)).isEqualTo(1);
	}

	@Test
	void registeredSchemaIsKnownByIdWithoutAFetch() {
		int id = this.client.register("s-value", V1);

		assertThat(this.client.schemaById(id)).isEqualTo(V1);
		assertThat(this.registry.count("GET", "/")).isZero();
	}

	@Test
	void lookupFindsTheIdOfARegisteredSchema() {
		int id = new HttpSchemaRegistryClient(RegistryClientConfig.of(this.registry.url())).register("s-value", V1);

		assertThat(this.client.lookup("s-value", V1)).isEqualTo(id);
		assertThat(this.client.lookup("s-value", V1)).isEqualTo(id);
		assertThat(this.registry.count("POST", "/subjects/s-value")).isEqualTo(2); // one
																					// register,
																					// one
																					// lookup
		assertThat(this.registry.count("POST", "/subjects/s-value/versions")).isEqualTo(1);
	}

	@Test
	void unknownSchemaIdFailsWith40403() {
		assertThatExceptionOfType(SchemaRegistryException.class).isThrownBy(() -> this.client.schemaById(42))
			.satisfies((ex) -> {
				assertThat(ex.httpStatus()).isEqualTo(404);
				assertThat(ex.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND);
				assertThat(ex.isNotFound()).isTrue();
				assertThat(ex.getMessage()).contains(this.registry.url(), "GET /schemas/ids/42", "Schema 42 not found");
			});
	}

	@Test
	void lookupUnderAnUnknownSubjectFailsWith40401() {
		assertThatExceptionOfType(SchemaRegistryException.class)
			.isThrownBy(() -> this.client.lookup("nobody-value", V1))
			.satisfies((ex) -> {
				assertThat(ex.httpStatus()).isEqualTo(404);
				assertThat(ex.errorCode()).isEqualTo(SchemaRegistryException.SUBJECT_NOT_FOUND);
				assertThat(ex.getMessage()).contains("error 40401", "Subject 'nobody-value' not found");
			});
	}

	@Test
	void lookupOfAnUnregisteredSchemaFailsWith40403() {
		this.client.register("s-value", V1);

		assertThatExceptionOfType(SchemaRegistryException.class)
			.isThrownBy(() -> this.client.lookup("s-value", V2_COMPATIBLE))
			.satisfies((ex) -> assertThat(ex.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND));
	}

	@Test
	void incompatibleSchemaFailsWith409() {
		this.client.register("s-value", V1);

		assertThatExceptionOfType(SchemaRegistryException.class)
			.isThrownBy(() -> this.client.register("s-value", V2_INCOMPATIBLE))
			.satisfies((ex) -> {
				assertThat(ex.httpStatus()).isEqualTo(409);
				assertThat(ex.errorCode()).isEqualTo(SchemaRegistryException.INCOMPATIBLE_SCHEMA);
				assertThat(ex.getMessage()).contains("incompatible");
			});
	}

	@Test
	void invalidSchemaFailsWith422() {
		// a default of the wrong type: Avro parses it when told not to validate, a
		// registry refuses it
		Schema invalid = new Schema.Parser().setValidateDefaults(false)
			.parse("{\"type\":\"record\",\"name\":\"Bad\",\"fields\":[{\"name\":\"n\",\"type\":\"int\",\"default\":\"x\"}]}");

		assertThatExceptionOfType(SchemaRegistryException.class)
			.isThrownBy(() -> this.client.register("bad-value", invalid))
			.satisfies((ex) -> {
				assertThat(ex.httpStatus()).isEqualTo(422);
				assertThat(ex.errorCode()).isEqualTo(SchemaRegistryException.INVALID_SCHEMA);
			});
	}

	@Test
	void latestReturnsTheNewestVersionOfASubject() {
		this.client.register("s-value", V1);
		int v2 = this.client.register("s-value", V2_COMPATIBLE);

		RegisteredSchema latest = this.client.latest("s-value");

		assertThat(latest).isEqualTo(new RegisteredSchema("s-value", 2, v2, V2_COMPATIBLE));
	}

	@Test
	void latestOfAnUnknownSubjectFailsWith40401() {
		assertThatExceptionOfType(SchemaRegistryException.class).isThrownBy(() -> this.client.latest("nobody-value"))
			.satisfies((ex) -> assertThat(ex.errorCode()).isEqualTo(SchemaRegistryException.SUBJECT_NOT_FOUND));
	}

	@Test
	void subjectsAreUrlEncodedInThePath() {
		this.client.register("odd/subject name+x", V1);

		assertThat(this.registry.requests).singleElement()
			.satisfies((request) -> assertThat(request.rawPath())
				.isEqualTo("/subjects/odd%2Fsubject%20name%2Bx/versions"));
		assertThat(this.client.latest("odd/subject name+x").subject()).isEqualTo("odd/subject name+x");
	}

	@Test
	void requestsUseTheConfluentContentType() {
		this.client.register("s-value", V1);

		assertThat(this.registry.requests).singleElement().satisfies((request) -> {
			assertThat(request.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
			assertThat(request.accept()).contains("application/vnd.schemaregistry.v1+json");
			assertThat(request.authorization()).isNull();
		});
	}

	@Test
	void basicAuthComesFromTheUserInfoOfTheUrlAndStaysOutOfMessages() {
		String url = "http://us%40er:p%3Ass+w@127.0.0.1:" + this.registry.port() + "/";
		HttpSchemaRegistryClient withAuth = new HttpSchemaRegistryClient(RegistryClientConfig.of(url));

		assertThatExceptionOfType(SchemaRegistryException.class).isThrownBy(() -> withAuth.schemaById(7))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("p%3Ass", "p:ss", "us%40er"));
		String expected = "Basic "
				+ Base64.getEncoder().encodeToString("us@er:p:ss+w".getBytes(StandardCharsets.UTF_8));
		assertThat(this.registry.requests).singleElement()
			.satisfies((request) -> assertThat(request.authorization()).isEqualTo(expected));
		assertThat(withAuth.toString()).doesNotContain("p%3Ass");
	}

	@Test
	void errorWithoutAConfluentBodyKeepsTheStatusAndShowsTheBody() {
		this.registry.answerAlways(503, "<html>upstream overloaded</html>");

		assertThatExceptionOfType(SchemaRegistryException.class).isThrownBy(() -> this.client.schemaById(1))
			.satisfies((ex) -> {
				assertThat(ex.httpStatus()).isEqualTo(503);
				assertThat(ex.errorCode()).isEqualTo(SchemaRegistryException.NO_ERROR_CODE);
				assertThat(ex.getMessage()).contains("HTTP 503", "upstream overloaded");
			});
	}

	@Test
	void answerWithoutAnIdIsAClearError() {
		this.registry.answerAlways(200, "{\"unexpected\":true}");

		assertThatExceptionOfType(SchemaRegistryException.class).isThrownBy(() -> this.client.register("s-value", V1))
			.withMessageContaining("without an integer 'id'");
	}

	@Test
	void nonAvroSchemaIsRefused() {
		this.registry.answerAlways(200, "{\"schema\":\"syntax = \\\"proto3\\\";\",\"schemaType\":\"PROTOBUF\"}");

		assertThatExceptionOfType(SchemaRegistryException.class).isThrownBy(() -> this.client.schemaById(1))
			.withMessageContaining("PROTOBUF")
			.withMessageContaining("only AVRO");
	}

	@Test
	void unparsableSchemaFromTheRegistryIsAClearError() {
		this.registry.answerAlways(200, "{\"schema\":\"{\\\"type\\\":\\\"nonsense\\\"}\"}");

		assertThatExceptionOfType(SchemaRegistryException.class).isThrownBy(() -> this.client.schemaById(1))
			.withMessageContaining("cannot parse");
	}

	@Test
	void oversizedAnswerIsRefused() {
		this.registry.answerAlways(200, "{\"schema\":\"" + "x".repeat(HttpSchemaRegistryClient.MAX_BODY_BYTES) + "\"}");

		assertThatExceptionOfType(SchemaRegistryException.class)
			.isThrownBy(() -> assertTimeoutPreemptively(HANG_GUARD, () -> this.client.schemaById(1)))
			.satisfies((ex) -> {
				assertThat(ex.isUnreachable()).isTrue();
				assertThat(ex.getMessage()).contains("exceeds");
			});
	}

	@Test
	void registryThatNeverAnswersFailsWithinTheRequestTimeout() {
		this.registry.hangForever();
		HttpSchemaRegistryClient impatient = new HttpSchemaRegistryClient(
				new RegistryClientConfig(this.registry.url(), Duration.ofSeconds(1), Duration.ofMillis(300)));

		assertThatExceptionOfType(SchemaRegistryException.class)
			.isThrownBy(() -> assertTimeoutPreemptively(HANG_GUARD, () -> impatient.schemaById(1)))
			.satisfies((ex) -> {
				assertThat(ex.isUnreachable()).isTrue();
				assertThat(ex.httpStatus()).isEqualTo(SchemaRegistryException.NO_HTTP_STATUS);
				assertThat(ex.getMessage()).contains(this.registry.url(), "GET /schemas/ids/1",
						"no answer within PT0.3S");
			});
	}

	@Test
	void refusedConnectionGivesAClearMessage() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		String url = "http://127.0.0.1:" + closedPort;
		HttpSchemaRegistryClient nowhere = new HttpSchemaRegistryClient(RegistryClientConfig.of(url));

		assertThatExceptionOfType(SchemaRegistryException.class)
			.isThrownBy(() -> assertTimeoutPreemptively(HANG_GUARD, () -> nowhere.register("s-value", V1)))
			.satisfies((ex) -> {
				assertThat(ex.isUnreachable()).isTrue();
				assertThat(ex.getMessage()).contains("Schema registry at " + url + " is unreachable",
						"POST /subjects/s-value/versions", "connection refused");
			});
	}

}
