package dev.dcf.handler.e2e;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import dev.dcf.handler.web.Browser;
import dev.dcf.handler.web.RequiresChromium;
import dev.dcf.schemes.registry.HttpSchemaRegistryClient;
import dev.dcf.schemes.registry.RegistryClientConfig;
import dev.dcf.schemes.serde.WireFormat;
import dev.dcf.testsupport.SharedInfrastructure;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Peek (docs/usage.md, "Peek at a job's records"): records of every kind written to a
 * topic on the shared broker, a job on that topic that never runs, then the API, the
 * page's HTML and the page in Chromium show them decoded and escaped, and the broker
 * holds no new consumer group. Saves the page's records card as {@code job-peek}.
 */
@RequiresChromium
class PeekIT extends EndToEndTest {

	private static final Log logger = LogFactory.getLog(PeekIT.class);

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	static final Schema ORDER = SchemaBuilder.record("Order")
		.namespace("example.shop")
		.fields()
		.requiredString("id")
		.requiredLong("amount")
		.optionalString("note")
		.endRecord();

	static final String SCRIPT = "<script>alert(1)</script>";

	private static final String TOPIC = "it-peek-" + UUID.randomUUID();

	private static Admin admin;

	private static long t0;

	@LocalServerPort
	int port;

	@BeforeAll
	static void records() throws Exception {
		SharedInfrastructure infrastructure = SharedInfrastructure.authenticated();
		admin = Admin.create(infrastructure.clientProperties());
		admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get();
		int id = new HttpSchemaRegistryClient(
				new RegistryClientConfig(infrastructure.registryUrl(), Duration.ofSeconds(5), Duration.ofSeconds(10)))
			.register(WireFormat.subject(TOPIC, false), ORDER);
		GenericRecord order = new GenericData.Record(ORDER);
		order.put("id", "o-7");
		order.put("amount", 4200L);
		order.put("note", "gift wrap");
		// recent: the broker's retention deletes records with old timestamps
		t0 = System.currentTimeMillis() - 10_000;
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(infrastructure.clientProperties(),
				new ByteArraySerializer(), new ByteArraySerializer())) {
			producer
				.send(new ProducerRecord<>(TOPIC, 0, t0, utf8("sensor-1"),
						utf8("{\"sensor\":\"sensor-1\",\"temperature\":21.5,\"tags\":[\"lab\"]}"),
						List.of(new RecordHeader("source", utf8("PeekIT")))))
				.get();
			producer.send(new ProducerRecord<>(TOPIC, 1, t0 + 1000, utf8("o-7"), framed(id, order))).get();
			producer.send(new ProducerRecord<>(TOPIC, 0, t0 + 2000, null, utf8("hello " + SCRIPT))).get();
			producer.send(new ProducerRecord<>(TOPIC, 1, t0 + 3000, null, new byte[] { 1, 2, (byte) 0xff })).get();
		}
	}

	@AfterAll
	static void closeAdmin() {
		admin.close(Duration.ofSeconds(5));
	}

	@Test
	void theLatestRecordsAreDecodedNewestFirstWithoutAConsumerGroup() throws Exception {
		String id = create(job("it-peek", TOPIC));
		Set<String> groupsBefore = groups();

		long started = System.nanoTime();
		List<Map<String, Object>> records = records(id, 10);
		logger.info("GET /api/jobs/{id}/records?limit=10 answered in " + (System.nanoTime() - started) / 1_000_000
				+ " ms (a consumer of its own, two partitions, four records)");

		assertThat(records).extracting((record) -> value(record).get("format"))
			.containsExactly("BINARY", "TEXT", "AVRO", "JSON");
		Map<String, Object> json = records.get(3);
		assertThat(json.get("partition")).isEqualTo(0);
		assertThat(Instant.parse((String) json.get("timestamp"))).isEqualTo(Instant.ofEpochMilli(t0));
		assertThat(((Map<?, ?>) json.get("key")).get("text")).isEqualTo("sensor-1");
		Map<String, Object> header = new HashMap<>(Map.of("format", "TEXT", "text", "PeekIT", "truncated", false));
		header.put("note", null);
		assertThat(json.get("headers")).isEqualTo(List.of(Map.of("name", "source", "value", header)));
		assertThat((String) value(json).get("text")).isEqualTo("""
				{
				  "sensor" : "sensor-1",
				  "temperature" : 21.5,
				  "tags" : [ "lab" ]
				}""");
		Map<String, Object> avro = value(records.get(2));
		assertThat((String) avro.get("text")).contains("\"id\" : \"o-7\"", "\"amount\" : 4200",
				"\"note\" : \"gift wrap\"");
		assertThat((String) avro.get("note")).endsWith("(example.shop.Order)");
		assertThat(value(records.get(1)).get("text")).isEqualTo("hello " + SCRIPT);
		assertThat(value(records.get(0)).get("text")).isEqualTo("01 02 ff");
		assertThat(records(id, 2)).extracting((record) -> value(record).get("format"))
			.containsExactly("BINARY", "TEXT");

		// the handler's own group may join meanwhile; nothing else may appear
		Set<String> groupsAfter = new HashSet<>(groups());
		groupsAfter.remove(TOPICS.group());
		groupsBefore.remove(TOPICS.group());
		assertThat(groupsAfter).as("consumer groups on the broker after peeking").isEqualTo(groupsBefore);
	}

	@Test
	void aValueWithScriptIsEscapedOnThePage() {
		String id = create(job("it-peek-page", TOPIC));

		String html = this.alice.get()
			.uri("/jobs/{id}", id)
			.accept(MediaType.TEXT_HTML)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody();

		assertThat(html).contains("hello &lt;script&gt;alert(1)&lt;/script&gt;")
			.doesNotContain("<script>alert")
			.contains("&quot;o-7&quot;")
			.contains("01 02 ff");
	}

	@Test
	void aTopicThatDoesNotExistHasNoRecordsAndIsNotCreated() throws Exception {
		String topic = "it-peek-none-" + UUID.randomUUID();
		String id = create(job("it-peek-none", topic));

		assertThat(records(id, 5)).isEmpty();
		assertThat(admin.listTopics().names().get()).doesNotContain(topic);
	}

	@Test
	void aLimitOutOfRangeIsAFieldErrorAndAnUnknownJobIsNotFound() {
		String id = create(job("it-peek-limit", TOPIC));
		for (String limit : List.of("0", "101")) {
			Map<String, Object> problem = this.alice.get()
				.uri("/api/jobs/{id}/records?limit={limit}", id, limit)
				.exchange()
				.expectStatus()
				.isBadRequest()
				.returnResult(MAP)
				.getResponseBody();
			assertThat(problem.get("errors"))
				.isEqualTo(List.of(Map.of("field", "limit", "message", "must be between 1 and 100")));
		}
		this.alice.get().uri("/api/jobs/{id}/records", "no-such-job").exchange().expectStatus().isNotFound();
	}

	@Test
	void theJobPageShowsTheRecordsAndRefreshesThem() {
		String id = create(job("sensor-feed", TOPIC));
		try (Browser browser = new Browser("http://localhost:" + this.port)) {
			browser.login("alice", "alice-secret");
			browser.open("/jobs/" + id);

			assertThat(browser.count(By.cssSelector("#record-table .record-row"))).isEqualTo(4);
			assertThat(browser.texts(By.cssSelector("#record-table .record-format"))).containsExactly("BINARY", "TEXT",
					"AVRO", "JSON");
			assertThat(browser.texts(By.cssSelector("#record-table .record-text"))).contains("hello " + SCRIPT);
			assertThat(browser.count(By.cssSelector("#records script"))).isZero();

			browser.js("document.getElementById('records').classList.add('stale')");
			browser.click(By.id("records-refresh"));
			browser
				.waitUntil((driver) -> !driver.findElement(By.id("records")).getAttribute("class").contains("stale"));
			assertThat(browser.attribute(By.id("records"), "data-updated-at")).as("replaced by the fragment")
				.isNotBlank();
			assertThat(browser.path()).isEqualTo("/jobs/" + id);
			assertThat(browser.count(By.cssSelector("#record-table .record-row"))).isEqualTo(4);

			WebElement card = browser.find(By.id("records"));
			browser.js("document.activeElement.blur(); arguments[0].scrollIntoView({block: 'start'})", card);
			browser.screenshot("job-peek");
			assertThat(browser.scriptProblems()).isEmpty();
		}
	}

	private List<Map<String, Object>> records(String id, int limit) {
		return this.api.records(id, limit);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> value(Map<String, Object> record) {
		return (Map<String, Object>) record.get("value");
	}

	/** A job on the topic that is never started (peek needs no running job). */
	private static Map<String, Object> job(String name, String topic) {
		Map<String, Object> job = sleeper("peek", 1);
		job.put("name", name);
		job.put("topic", topic);
		job.put("start", false);
		return job;
	}

	private static Set<String> groups() throws Exception {
		return admin.listGroups()
			.all()
			.get()
			.stream()
			.map(GroupListing::groupId)
			.collect(Collectors.toCollection(HashSet::new));
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/** The Confluent wire format, as any Avro producer writes it. */
	private static byte[] framed(int id, GenericRecord record) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(new byte[] { WireFormat.MAGIC_BYTE, (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8),
				(byte) id });
		BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
		new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
		encoder.flush();
		return out.toByteArray();
	}

}
