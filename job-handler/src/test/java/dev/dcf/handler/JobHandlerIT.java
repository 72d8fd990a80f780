package dev.dcf.handler;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.dcf.handler.job.JobRepository;
import dev.dcf.testsupport.TestTopics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The handler as a whole on a random port with its default H2 file database (in a fresh
 * directory): the REST flow with HTTP Basic, security of pages and API, operations
 * endpoints. No agent ever heartbeats on its topics, so a started job stays DEPLOYING
 * (waiting for placement).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "dcf.security.admin-user=admin", "dcf.security.admin-password=admin-secret",
				"dcf.security.users[0].name=alice", "dcf.security.users[0].password=alice-secret",
				"dcf.security.users[1].name=bob", "dcf.security.users[1].password=bob-secret",
				"dcf.security.users[2].name=carol", "dcf.security.users[2].password=carol-secret",
				"dcf.security.login-throttle.max-backoff=2s" })
@AutoConfigureRestTestClient
class JobHandlerIT {

	private static final Path DATA_DIR = createDataDir();

	private static final String JOB = """
			{"name": "it-job", "image": "dcf/sample-generator:latest", "topic": "it-data",
			 "containers": 2, "cpuLimit": 0.25, "memoryLimitMb": 128, "durationSeconds": 30,
			 "env": {"RATE": "5", "FORMAT": "json"}, "command": ["--verbose"]}
			""";

	private static final TestTopics TOPICS = TestTopics.unique("handler-it");

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) {
		registry.add("dcf.data-dir", DATA_DIR::toString);
		// Kafka and registry of its own: no agent ever talks to this handler
		TOPICS.handlerProperties().forEach((name, value) -> registry.add(name, () -> value));
	}

	@LocalServerPort
	int port;

	@Autowired
	RestTestClient client;

	@Autowired
	JobRepository jobs;

	@Autowired
	MeterRegistry meters;

	private RestTestClient alice;

	private RestTestClient bob;

	@BeforeEach
	void users() {
		this.alice = this.client.mutate()
			.defaultHeaders((headers) -> headers.setBasicAuth("alice", "alice-secret"))
			.build();
		this.bob = this.client.mutate().defaultHeaders((headers) -> headers.setBasicAuth("bob", "bob-secret")).build();
	}

	@Test
	void createGetListStartAndFollowTheTimeline() {
		URI location = this.alice.post()
			.uri("/api/jobs")
			.contentType(MediaType.APPLICATION_JSON)
			.body(JOB)
			.exchange()
			.expectStatus()
			.isCreated()
			.returnResult(Void.class)
			.getResponseHeaders()
			.getLocation();
		assertThat(location).isNotNull();
		String id = location.getPath().substring("/api/jobs/".length());

		this.bob.get()
			.uri(location)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo(id)
			.jsonPath("$.state")
			.isEqualTo("CREATED")
			.jsonPath("$.owner")
			.isEqualTo("alice")
			.jsonPath("$.env.FORMAT")
			.isEqualTo("json")
			.jsonPath("$.command[0]")
			.isEqualTo("--verbose")
			.jsonPath("$.containerList")
			.isEmpty();

		this.bob.get()
			.uri("/api/jobs?state=CREATED&size=200")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.content[*].id")
			.value((List<String> ids) -> assertThat(ids).contains(id));
		this.bob.get()
			.uri("/api/jobs?state=DEPLOYING&size=200")
			.exchange()
			.expectBody()
			.jsonPath("$.content[*].id")
			.value((List<String> ids) -> assertThat(ids).doesNotContain(id));

		this.alice.post()
			.uri("/api/jobs/{id}/start", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.state")
			.isEqualTo("DEPLOYING")
			.jsonPath("$.agentId")
			.doesNotExist();
		this.bob.get()
			.uri("/api/jobs?state=DEPLOYING&size=200")
			.exchange()
			.expectBody()
			.jsonPath("$.content[*].id")
			.value((List<String> ids) -> assertThat(ids).contains(id));

		this.bob.get()
			.uri("/api/jobs/{id}/events", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.length()")
			.isEqualTo(2)
			.jsonPath("$[0].to")
			.isEqualTo("CREATED")
			.jsonPath("$[1].from")
			.isEqualTo("CREATED")
			.jsonPath("$[1].to")
			.isEqualTo("DEPLOYING")
			.jsonPath("$[1].reason")
			.isEqualTo("started by alice");
	}

	@Test
	void onlyTheOwnerStopsAndDeletes() {
		String id = create(this.alice, JOB.replace("\"name\"", "\"start\": true, \"name\""));

		this.bob.post().uri("/api/jobs/{id}/stop", id).exchange().expectStatus().isForbidden();
		this.alice.delete().uri("/api/jobs/{id}", id).exchange().expectStatus().isEqualTo(409);
		this.alice.post()
			.uri("/api/jobs/{id}/stop", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.state")
			.isEqualTo("COMPLETED");
		this.bob.delete().uri("/api/jobs/{id}", id).exchange().expectStatus().isForbidden();
		this.alice.delete().uri("/api/jobs/{id}", id).exchange().expectStatus().isNoContent();
		this.alice.get().uri("/api/jobs/{id}", id).exchange().expectStatus().isNotFound();
		assertThat(this.jobs.existsById(id)).isFalse();
	}

	@Test
	void invalidRequestsAreRefusedWithFieldErrorsAndStoreNothing() {
		long before = this.jobs.count();

		this.alice.post()
			.uri("/api/jobs")
			.contentType(MediaType.APPLICATION_JSON)
			.body(JOB.replace("it-data", "dcf.job-instructions").replace("\"containers\": 2", "\"containers\": 51"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("topic")
			.jsonPath("$.errors[1].field")
			.isEqualTo("containers");
		this.alice.post()
			.uri("/api/jobs")
			.contentType(MediaType.APPLICATION_JSON)
			.body(JOB.replace("\"name\"", "\"owner\": \"mallory\", \"name\""))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("owner");

		assertThat(this.jobs.count()).isEqualTo(before);
	}

	@Test
	void apiWithoutLoginIs401ProblemNotARedirect() {
		this.client.get()
			.uri("/api/jobs")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(401);
	}

	@Test
	void pagesNeedTheLoginFormWhichCarriesACsrfToken() throws Exception {
		HttpResponse<String> page = send(HttpRequest.newBuilder(url("/")).header("Accept", "text/html"));
		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(page.headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to).endsWith("/login"));

		HttpResponse<String> login = send(HttpRequest.newBuilder(url("/login")).header("Accept", "text/html"));
		assertThat(login.statusCode()).isEqualTo(200);
		assertThat(login.body()).contains("name=\"_csrf\"");
	}

	@Test
	void openApiAndSwaggerUiNeedALogin() throws Exception {
		assertThat(send(HttpRequest.newBuilder(url("/v3/api-docs"))).statusCode()).isEqualTo(401);
		assertThat(send(HttpRequest.newBuilder(url("/swagger-ui.html")).header("Accept", "text/html")).statusCode())
			.isEqualTo(302);

		this.alice.get()
			.uri("/v3/api-docs")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.paths['/api/jobs'].post")
			.exists()
			.jsonPath("$.paths['/api/jobs/{id}/events'].get")
			.exists()
			.jsonPath("$.paths['/api/agents/{id}'].get")
			.exists()
			.jsonPath("$.components.securitySchemes.basicAuth.scheme")
			.isEqualTo("basic");
		this.alice.get().uri("/swagger-ui/index.html").exchange().expectStatus().isOk();
	}

	@Test
	void healthIsPublicWithDetailsForUsers() {
		this.client.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP")
			.jsonPath("$.components")
			.doesNotExist();
		this.alice.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.components.db.status")
			.isEqualTo("UP");
	}

	@Test
	void prometheusShowsJobsByStateAndAgentsByStatus() {
		create(this.alice, JOB);

		this.client.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
		String metrics = this.alice.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody();
		assertThat(metrics).containsPattern("dcf_jobs\\{state=\"CREATED\"} [1-9]")
			.contains("dcf_jobs{state=\"LOST\"}")
			.contains("dcf_agents{status=\"HEALTHY\"} 0.0");
	}

	@Test
	void jobsAreKeptInTheH2FileDatabaseUnderTheDataDirectory() {
		create(this.alice, JOB);

		assertThat(DATA_DIR.resolve("dcf-handler.mv.db")).exists();
	}

	@Test
	@SuppressWarnings("unchecked")
	void anApiTokenActsAsItsOwnerIsShownOnceAndStopsWorkingWhenRevoked() {
		Map<String, Object> created = this.alice.post()
			.uri("/api/tokens")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"name\": \"ci\", \"days\": 7}")
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		String secret = (String) created.get("token");
		Map<String, Object> view = (Map<String, Object>) created.get("view");
		assertThat(secret).startsWith("dcf_").hasSize(47).startsWith((String) view.get("prefix"));
		assertThat(view).containsEntry("name", "ci").containsEntry("owner", "alice");
		RestTestClient bearer = this.client.mutate().defaultHeaders((headers) -> headers.setBearerAuth(secret)).build();

		String id = create(bearer, JOB);
		// also through a request answered later (an async dispatch)
		bearer.get()
			.uri("/api/jobs/{id}?waitFor=CREATED", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.state")
			.isEqualTo("CREATED");
		this.alice.get()
			.uri("/api/jobs/{id}", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.owner")
			.isEqualTo("alice");
		// the secret is never listed, not even to its owner
		String list = bearer.get()
			.uri("/api/tokens")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(list).contains("\"ci\"").doesNotContain(secret);
		// bob sees none of alice's tokens and cannot revoke them
		this.bob.get().uri("/api/tokens").exchange().expectBody().json("[]");
		this.bob.delete().uri("/api/tokens/{id}", view.get("id")).exchange().expectStatus().isNotFound();

		this.alice.delete().uri("/api/tokens/{id}", view.get("id")).exchange().expectStatus().isNoContent();

		bearer.get()
			.uri("/api/jobs/{id}", id)
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		this.client.mutate()
			.defaultHeaders((headers) -> headers.setBearerAuth("dcf_not-a-token"))
			.build()
			.get()
			.uri("/api/jobs")
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void aClientWaitsForAStateWithoutPollingAndGetsTheJobAtTheTimeoutOtherwise() throws Exception {
		String id = create(this.alice, JOB);
		HttpRequest.Builder waitForDeploying = HttpRequest
			.newBuilder(url("/api/jobs/" + id + "?waitFor=DEPLOYING&timeout=60s"))
			.header("Authorization", basic("bob", "bob-secret"));
		CompletableFuture<HttpResponse<String>> waiting = HttpClient.newHttpClient()
			.sendAsync(waitForDeploying.build(), HttpResponse.BodyHandlers.ofString());
		await().atMost(Duration.ofSeconds(10)).until(() -> waiting() > 0);
		assertThat(waiting).isNotDone();

		this.alice.post().uri("/api/jobs/{id}/start", id).exchange().expectStatus().isOk();

		// answered by the start, long before the 60 s
		HttpResponse<String> answered = waiting.get(30, TimeUnit.SECONDS);
		assertThat(answered.statusCode()).isEqualTo(200);
		assertThat(answered.body()).contains("\"state\":\"DEPLOYING\"");

		HttpResponse<String> timedOut = send(
				HttpRequest.newBuilder(url("/api/jobs/" + id + "?waitFor=RUNNING&timeout=1s"))
					.header("Authorization", basic("bob", "bob-secret")));
		assertThat(timedOut.statusCode()).isEqualTo(200);
		assertThat(timedOut.body()).contains("\"state\":\"DEPLOYING\"");
		assertThat(waiting()).isZero();
	}

	@Test
	void wrongPasswordsInARowAreSlowedDownAndTheRightOneWorksAfterwards() throws Exception {
		int checked = 0;
		int throttled = 0;
		for (int i = 0; i < 20; i++) {
			HttpResponse<String> answer = send(
					HttpRequest.newBuilder(url("/api/jobs")).header("Authorization", basic("carol", "guess-" + i)));
			if (answer.statusCode() == 429) {
				throttled++;
				assertThat(answer.headers().firstValue("Retry-After"))
					.hasValueSatisfying((seconds) -> assertThat(Integer.parseInt(seconds)).isBetween(1, 2));
				assertThat(answer.body()).contains("Too many failed logins");
			}
			else {
				assertThat(answer.statusCode()).isEqualTo(401);
				checked++;
			}
		}
		// five free failures; then each password check waits for a back-off of 1-2 s
		assertThat(checked).isGreaterThanOrEqualTo(5).isLessThan(15);
		assertThat(throttled).isGreaterThan(0);

		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> send(
					HttpRequest.newBuilder(url("/api/jobs")).header("Authorization", basic("carol", "carol-secret")))
				.statusCode() == 200);
		// cleared by the success: a wrong password is checked again at once
		assertThat(send(HttpRequest.newBuilder(url("/api/jobs")).header("Authorization", basic("carol", "nope")))
			.statusCode()).isEqualTo(401);
	}

	@Test
	void aTokenRequestWithABadFieldIsRefusedAndStoresNothing() {
		this.bob.post()
			.uri("/api/tokens")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"name\": \"x\", \"days\": 400}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("days");
		this.bob.post()
			.uri("/api/tokens")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"name\": \" \"}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("name");
		this.bob.get().uri("/api/tokens").exchange().expectBody().json("[]");
	}

	@Test
	void agentsListIsEmptyWithoutAgents() {
		this.bob.get().uri("/api/agents").exchange().expectStatus().isOk().expectBody().json("[]");
		this.bob.get().uri("/api/agents/nobody").exchange().expectStatus().isNotFound();
	}

	private static String create(RestTestClient user, String json) {
		URI location = user.post()
			.uri("/api/jobs")
			.contentType(MediaType.APPLICATION_JSON)
			.body(json)
			.exchange()
			.expectStatus()
			.isCreated()
			.returnResult(Void.class)
			.getResponseHeaders()
			.getLocation();
		return location.getPath().substring("/api/jobs/".length());
	}

	private double waiting() {
		return this.meters.get("dcf.api.waiting.requests").gauge().value();
	}

	private static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	private URI url(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static Path createDataDir() {
		try {
			return Files.createTempDirectory("dcf-handler-it").toAbsolutePath();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
