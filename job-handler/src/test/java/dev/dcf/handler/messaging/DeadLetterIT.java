package dev.dcf.handler.messaging;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.dcf.testsupport.TcpProxy;
import dev.dcf.schemes.DcfTopics;
import dev.dcf.schemes.avro.JobStatus;
import dev.dcf.schemes.avro.JobStatusKind;
import dev.dcf.schemes.registry.HttpSchemaRegistryClient;
import dev.dcf.schemes.registry.RegistryClientConfig;
import dev.dcf.schemes.registry.SchemaRegistryClient;
import dev.dcf.schemes.serde.AvroDeserializer;
import dev.dcf.schemes.serde.AvroSerializer;
import dev.dcf.testsupport.SharedInfrastructure;

import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The handler's one error handler ({@link MessagingConfiguration#errorHandler}) on the
 * embedded broker and registry, with the same consumer set-up as the status listeners:
 * records that can never be decoded go to {@code <topic>.DLT} as they came and the
 * records behind them are read; a valid record whose schema cannot be fetched because the
 * registry is down waits and is read once it is back, and is never dead-lettered.
 */
class DeadLetterIT {

	private final SharedInfrastructure infrastructure = SharedInfrastructure.authenticated();

	private final String topic = "dlt-it-" + UUID.randomUUID().toString().substring(0, 8) + "." + DcfTopics.JOB_STATUS;

	private final SchemaRegistryClient registry = new HttpSchemaRegistryClient(
			RegistryClientConfig.of(this.infrastructure.registryUrl()));

	private final BlockingQueue<ConsumerRecord<String, JobStatus>> received = new LinkedBlockingQueue<>();

	private final AtomicInteger failedDeliveries = new AtomicInteger();

	private final DefaultKafkaProducerFactory<String, byte[]> bytes = new DefaultKafkaProducerFactory<>(
			producerProperties(), new StringSerializer(), new ByteArraySerializer());

	private final DefaultKafkaProducerFactory<String, SpecificRecord> records = new DefaultKafkaProducerFactory<>(
			producerProperties(), new StringSerializer(), new AvroSerializer<>(this.registry));

	private KafkaMessageListenerContainer<String, JobStatus> container;

	@AfterEach
	void stop() {
		if (this.container != null) {
			this.container.stop();
		}
		this.bytes.destroy();
		this.records.destroy();
	}

	@Test
	void undecodableRecordsAreDeadLetteredAsTheyCameAndTheRecordsBehindThemAreRead() throws Exception {
		createTopics();
		byte[] wrongMagic = "{\"json\": \"not Avro\"}".getBytes();
		byte[] unknownSchemaId = { 0, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xf0, 2, 4, 6 };
		KafkaTemplate<String, byte[]> raw = new KafkaTemplate<>(this.bytes);
		raw.send(this.topic, "job-1", wrongMagic).get(10, TimeUnit.SECONDS);
		raw.send(this.topic, "job-1", unknownSchemaId).get(10, TimeUnit.SECONDS);
		raw.send(this.topic, "job-1", encode(status("job-1", 7))).get(10, TimeUnit.SECONDS);

		startContainer(this.registry);

		ConsumerRecord<String, JobStatus> read = this.received.poll(30, TimeUnit.SECONDS);
		assertThat(read).isNotNull();
		assertThat(read.value()).isEqualTo(status("job-1", 7));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(deadLetters()).extracting(ConsumerRecord::value)
				.containsExactly(wrongMagic, unknownSchemaId));
		assertThat(deadLetters()).extracting(ConsumerRecord::key).containsOnly("job-1");
	}

	@Test
	void aValidRecordWaitsWhileTheRegistryIsUnreachableAndIsNeverDeadLettered() throws Exception {
		createTopics();
		new KafkaTemplate<>(this.records).send(this.topic, "job-2", status("job-2", 9)).get(10, TimeUnit.SECONDS);
		URI registryUri = URI.create(this.infrastructure.registryUrl());
		try (TcpProxy registryDown = new TcpProxy(registryUri.getPort())) {
			registryDown.cut();
			// a client of its own: nothing cached, every schema fetched through the port
			startContainer(new HttpSchemaRegistryClient(new RegistryClientConfig(
					"http://localhost:" + registryDown.port(), Duration.ofSeconds(1), Duration.ofSeconds(2))));

			await().atMost(Duration.ofSeconds(30)).until(() -> this.failedDeliveries.get() >= 2);
			assertThat(this.received).isEmpty();

			registryDown.restore();

			ConsumerRecord<String, JobStatus> read = this.received.poll(60, TimeUnit.SECONDS);
			assertThat(read).isNotNull();
			assertThat(read.value()).isEqualTo(status("job-2", 9));
		}
		assertThat(deadLetters()).isEmpty();
	}

	private void startContainer(SchemaRegistryClient consumerRegistry) {
		Map<String, Object> properties = new HashMap<>();
		properties.putAll(this.infrastructure.clientProperties());
		properties.put(ConsumerConfig.GROUP_ID_CONFIG, "dlt-it-" + UUID.randomUUID());
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		DefaultKafkaConsumerFactory<String, JobStatus> consumers = new DefaultKafkaConsumerFactory<>(properties,
				new StringDeserializer(),
				new ErrorHandlingDeserializer<>(new AvroDeserializer<>(consumerRegistry, JobStatus.class)));
		ContainerProperties container = new ContainerProperties(this.topic);
		container.setAckMode(AckMode.RECORD);
		container.setMessageListener((MessageListener<String, JobStatus>) this.received::add);
		DefaultErrorHandler errorHandler = MessagingConfiguration.errorHandler(new KafkaTemplate<>(this.bytes),
				new KafkaTemplate<>(this.records), Duration.ofSeconds(10));
		errorHandler.setRetryListeners(new RetryListener() {

			@Override
			public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
				DeadLetterIT.this.failedDeliveries.incrementAndGet();
			}

		});
		this.container = new KafkaMessageListenerContainer<>(consumers, container);
		this.container.setCommonErrorHandler(errorHandler);
		this.container.start();
	}

	private static JobStatus status(String jobId, long sequence) {
		return JobStatus.newBuilder()
			.setAgentId("agent-1")
			.setSequence(sequence)
			.setJobId(jobId)
			.setRunNumber(1)
			.setKind(JobStatusKind.STARTED)
			.setTimestamp(Instant.parse("2026-05-01T10:00:00Z"))
			.build();
	}

	private byte[] encode(JobStatus status) {
		try (AvroSerializer<JobStatus> serializer = new AvroSerializer<>(this.registry)) {
			return serializer.serialize(this.topic, status);
		}
	}

	private void createTopics() throws Exception {
		Properties properties = new Properties();
		properties.putAll(this.infrastructure.clientProperties());
		try (Admin admin = Admin.create(properties)) {
			admin
				.createTopics(List.of(new NewTopic(this.topic, 1, (short) 1),
						new NewTopic(DcfTopics.dlt(this.topic), 1, (short) 1)))
				.all()
				.get(30, TimeUnit.SECONDS);
		}
	}

	private List<ConsumerRecord<String, byte[]>> deadLetters() {
		Properties properties = new Properties();
		properties.putAll(this.infrastructure.clientProperties());
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			TopicPartition partition = new TopicPartition(DcfTopics.dlt(this.topic), 0);
			consumer.assign(List.of(partition));
			consumer.seekToBeginning(List.of(partition));
			long end = consumer.endOffsets(List.of(partition)).get(partition);
			List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
			while (consumer.position(partition) < end) {
				all.addAll(consumer.poll(Duration.ofSeconds(1)).records(partition));
			}
			return all;
		}
	}

	private Map<String, Object> producerProperties() {
		Map<String, Object> properties = new HashMap<>();
		properties.putAll(this.infrastructure.clientProperties());
		return properties;
	}

}
