package dev.dcf.messaging;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import dev.dcf.schemes.registry.SchemaRegistryClient;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.ResolvableType;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both apps get the same plumbing from the auto-configuration; nothing here connects to
 * Kafka or the registry (producers and admin are made lazily).
 */
class MessagingAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MessagingAutoConfiguration.class, KafkaAutoConfiguration.class))
		// no broker here: the admin would wait for one to create the topics
		.withPropertyValues("spring.kafka.admin.auto-create=false");

	@Test
	void theSharedProducersAndTopicsReplaceBootsDefaultTemplate() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(SchemaRegistryClient.class);
			assertThat(context.getBeanNamesForType(
					ResolvableType.forClassWithGenerics(KafkaTemplate.class, String.class, SpecificRecord.class)))
				.containsExactly("avroTemplate");
			assertThat(context.getBeanNamesForType(
					ResolvableType.forClassWithGenerics(KafkaTemplate.class, String.class, byte[].class)))
				.containsExactly("deadLetterTemplate");
			assertThat(context).doesNotHaveBean("kafkaTemplate");
			assertThat(context).getBean("managementTopics").isInstanceOf(KafkaAdmin.NewTopics.class);
			assertThat(MessagingAutoConfiguration.topics(context.getBean(TopicProperties.class)))
				.extracting(NewTopic::name)
				.containsExactly("dcf.job-instructions", "dcf.job-status", "dcf.agent-status", "dcf.container-logs");
		});
	}

	@Test
	void topicNamesAndPartitionsAreSettings() {
		this.runner.withPropertyValues("dcf.topics.job-status=status-b", "dcf.topics.partitions=3").run((context) -> {
			TopicProperties topics = context.getBean(TopicProperties.class);
			assertThat(topics.jobStatus()).isEqualTo("status-b");
			assertThat(MessagingAutoConfiguration.topics(topics))
				.allSatisfy((topic) -> assertThat(topic.numPartitions()).isEqualTo(3));
		});
	}

	@Test
	void aTopicWithoutPartitionsOrARegistryWithoutAnAddressIsRefusedAtStart() {
		this.runner.withPropertyValues("dcf.topics.partitions=0")
			.run((context) -> assertThat(context).getFailure().hasStackTraceContaining("dcf.topics.partitions"));
		this.runner.withPropertyValues("dcf.schema-registry.url=")
			.run((context) -> assertThat(context).getFailure().hasStackTraceContaining("dcf.schema-registry.url"));
	}

}
