package dev.dcf.standalone.embedded;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedKafkaIT {

	@Test
	void producesAndConsumesThroughAnAutoCreatedTopic() throws Exception {
		try (EmbeddedKafka kafka = EmbeddedKafka.builder().port(0).build()) {
			kafka.start();
			send(kafka.bootstrapServers(), "auto-created", "k1", "hello", "k2", "world");

			assertThat(readAll(kafka.bootstrapServers(), "auto-created", 2)).containsExactly("hello", "world");
		}
	}

	@Test
	void advertisesLocalhostOnTheChosenPort() throws Exception {
		try (EmbeddedKafka kafka = EmbeddedKafka.builder().port(0).build();) {
			kafka.start();
			try (Admin admin = Admin
				.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
				Collection<Node> nodes = admin.describeCluster().nodes().get(10, TimeUnit.SECONDS);

				assertThat(nodes).singleElement().satisfies((node) -> {
					assertThat(node.host()).isEqualTo("localhost");
					assertThat(node.port()).isEqualTo(kafka.port());
				});
			}
			assertThat(kafka.bootstrapServers()).isEqualTo("localhost:" + kafka.port());
		}
	}

	@Test
	void restartKeepsTheRandomPortAndTheRecords() throws Exception {
		try (EmbeddedKafka kafka = EmbeddedKafka.builder().port(0).build()) {
			kafka.start();
			int port = kafka.port();
			assertThat(port).isPositive().isNotEqualTo(EmbeddedKafka.DEFAULT_PORT);
			send(kafka.bootstrapServers(), "survivor", "k", "before restart");

			kafka.stop();
			assertThat(kafka.isRunning()).isFalse();
			assertThat(accepts(port)).as("port released after stop").isFalse();

			kafka.start();
			assertThat(kafka.port()).isEqualTo(port);
			send(kafka.bootstrapServers(), "survivor", "k", "after restart");

			assertThat(readAll(kafka.bootstrapServers(), "survivor", 2)).containsExactly("before restart",
					"after restart");
		}
	}

	@Test
	void producerCreatedBeforeARestartSendsAfterIt() throws Exception {
		try (EmbeddedKafka kafka = EmbeddedKafka.builder().port(0).build()) {
			kafka.start();
			try (KafkaProducer<String, String> producer = producer(kafka.bootstrapServers())) {
				producer.send(new ProducerRecord<>("reconnect", "k", "one")).get(30, TimeUnit.SECONDS);

				kafka.stop();
				kafka.start();

				producer.send(new ProducerRecord<>("reconnect", "k", "two")).get(60, TimeUnit.SECONDS);
			}
			assertThat(readAll(kafka.bootstrapServers(), "reconnect", 2)).containsExactly("one", "two");
		}
	}

	@Test
	void twoBrokersRunSideBySideInOneJvm() throws Exception {
		try (EmbeddedKafka first = EmbeddedKafka.builder().port(0).build();
				EmbeddedKafka second = EmbeddedKafka.builder().port(0).build()) {
			first.start();
			second.start();
			send(first.bootstrapServers(), "side-by-side", "k", "first");
			send(second.bootstrapServers(), "side-by-side", "k", "second");

			second.stop();

			assertThat(readAll(first.bootstrapServers(), "side-by-side", 1)).containsExactly("first");
			second.start();
			assertThat(readAll(second.bootstrapServers(), "side-by-side", 1)).containsExactly("second");
		}
	}

	@Test
	void persistentLogDirKeepsDataForTheNextInstanceAndSurvivesClose(@TempDir Path dir) throws Exception {
		Path logDir = dir.resolve("kafka");
		try (EmbeddedKafka first = EmbeddedKafka.builder().port(0).logDir(logDir).build()) {
			first.start();
			send(first.bootstrapServers(), "persistent", "k", "kept");
		}
		assertThat(logDir.resolve("meta.properties")).exists();

		try (EmbeddedKafka second = EmbeddedKafka.builder().port(0).logDir(logDir).build()) {
			second.start();

			assertThat(readAll(second.bootstrapServers(), "persistent", 1)).containsExactly("kept");
		}
		assertThat(logDir).isDirectory();
	}

	@Test
	void temporaryLogDirIsDeletedOnClose() {
		Path logDir;
		try (EmbeddedKafka kafka = EmbeddedKafka.builder().port(0).build()) {
			kafka.start();
			logDir = kafka.logDir();
			assertThat(logDir).isDirectory().startsWith(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath());
		}
		assertThat(Files.exists(logDir)).isFalse();
	}

	@Test
	void startAndStopAreIdempotentAndCloseIsFinal() {
		EmbeddedKafka kafka = EmbeddedKafka.builder().port(0).build();
		try {
			kafka.stop();
			kafka.start();
			kafka.start();
			assertThat(kafka.isRunning()).isTrue();
			kafka.stop();
			kafka.stop();
			assertThat(kafka.isRunning()).isFalse();
		}
		finally {
			kafka.close();
		}
		kafka.close();
		assertThatThrownBy(kafka::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
	}

	static void send(String bootstrapServers, String topic, String... keysAndValues) throws Exception {
		try (KafkaProducer<String, String> producer = producer(bootstrapServers)) {
			for (int i = 0; i < keysAndValues.length; i += 2) {
				producer.send(new ProducerRecord<>(topic, keysAndValues[i], keysAndValues[i + 1]))
					.get(30, TimeUnit.SECONDS);
			}
		}
	}

	static KafkaProducer<String, String> producer(String bootstrapServers) {
		return new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all",
						ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500),
				new StringSerializer(), new StringSerializer());
	}

	static List<String> readAll(String bootstrapServers, String topic, int expected) {
		List<String> values = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ConsumerConfig.GROUP_ID_CONFIG,
						"reader-" + System.nanoTime(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (values.size() < expected && System.nanoTime() < deadline) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					values.add(record.value());
				}
			}
		}
		return values;
	}

	private static boolean accepts(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("localhost", port), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
