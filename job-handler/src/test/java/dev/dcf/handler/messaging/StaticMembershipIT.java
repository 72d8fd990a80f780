package dev.dcf.handler.messaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.dcf.handler.JobHandlerApplication;
import dev.dcf.messaging.TopicProperties;
import dev.dcf.testsupport.TestTopics;
import dev.dcf.testsupport.SharedInfrastructure;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The handler's status consumers are static members of its group, named by
 * {@code dcf.handler.instance-id}: a handler that went away without leaving the group (as
 * after {@code kill -9}; static members do not leave on close either) and comes back with
 * the same id takes its partitions back at once, not after {@code session.timeout.ms} (45
 * s by default) when the broker would give up on the old member. Two handlers with one id
 * are a mistake that shows: the older one is fenced and reports Kafka DOWN.
 */
class StaticMembershipIT {

	private static final String INSTANCE = "handler-a";

	private static final List<String> MEMBERS = List.of(INSTANCE + "-dcf-handler-agent-status-0",
			INSTANCE + "-dcf-handler-job-status-0", INSTANCE + "-dcf-handler-job-status-1");

	private final TestTopics topics = TestTopics.unique("static-members");

	private final Path dataDir = dataDir();

	private final List<AutoCloseable> running = new ArrayList<>();

	@AfterEach
	void stopAll() throws Exception {
		for (int i = this.running.size() - 1; i >= 0; i--) {
			this.running.get(i).close();
		}
	}

	@Test
	void everyConsumerIsAStaticMemberWithAnIdOfItsOwn() throws Exception {
		handler();

		try (Admin admin = admin()) {
			await().atMost(Duration.ofSeconds(60)).until(() -> members(admin).size() == MEMBERS.size());

			assertThat(members(admin)).extracting(MemberDescription::groupInstanceId)
				.extracting(Optional::orElseThrow)
				.containsExactlyInAnyOrderElementsOf(MEMBERS);
		}
	}

	@Test
	void aHandlerBackWithTheSameInstanceIdGetsItsPartitionsAtOnce() throws Exception {
		ConfigurableApplicationContext first = handler();
		try (Admin admin = admin()) {
			await().atMost(Duration.ofSeconds(60)).until(() -> allPartitionsAssigned(first));

			first.close();
			// still members, as after a crash: the broker waits session.timeout.ms
			assertThat(members(admin)).hasSize(MEMBERS.size());

			long restarted = System.nanoTime();
			ConfigurableApplicationContext second = handler();
			await().atMost(Duration.ofSeconds(60)).until(() -> allPartitionsAssigned(second));

			// far less than the 45 s a dynamic member would wait for the old one
			assertThat(Duration.ofNanos(System.nanoTime() - restarted)).isLessThan(Duration.ofSeconds(30));
			assertThat(members(admin)).extracting(MemberDescription::groupInstanceId)
				.extracting(Optional::orElseThrow)
				.containsExactlyInAnyOrderElementsOf(MEMBERS);
		}
	}

	@Test
	void aHandlerFencedByASecondOneWithTheSameInstanceIdReportsKafkaDown() throws Exception {
		ConfigurableApplicationContext first = handler();
		await().atMost(Duration.ofSeconds(60)).until(() -> allPartitionsAssigned(first));

		ConfigurableApplicationContext second = handler();
		await().atMost(Duration.ofSeconds(60)).until(() -> allPartitionsAssigned(second));

		KafkaHealthIndicator health = first.getBean(KafkaHealthIndicator.class);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(health.health().getStatus().getCode()).isEqualTo("DOWN"));
	}

	private boolean allPartitionsAssigned(ConfigurableApplicationContext handler) {
		KafkaListenerEndpointRegistry registry = handler.getBean(KafkaListenerEndpointRegistry.class);
		TopicProperties topicProperties = handler.getBean(TopicProperties.class);
		int partitions = topicProperties.partitions();
		return assigned(registry.getListenerContainer("dcf-handler-job-status"), partitions)
				&& assigned(registry.getListenerContainer("dcf-handler-agent-status"), partitions);
	}

	private static boolean assigned(MessageListenerContainer container, int partitions) {
		Collection<TopicPartition> assigned = container.getAssignedPartitions();
		return assigned != null && assigned.size() == partitions;
	}

	private Collection<MemberDescription> members(Admin admin) throws Exception {
		Map<String, ConsumerGroupDescription> groups = admin.describeConsumerGroups(List.of(this.topics.group()))
			.all()
			.get();
		return groups.get(this.topics.group()).members();
	}

	private static Admin admin() {
		return Admin.create(SharedInfrastructure.authenticated().clientProperties());
	}

	private ConfigurableApplicationContext handler() {
		List<String> args = new ArrayList<>();
		args.add("--server.port=0");
		args.add("--spring.main.banner-mode=off");
		args.add("--dcf.data-dir=" + this.dataDir);
		args.add("--dcf.security.admin-password=admin-secret");
		args.add("--dcf.handler.instance-id=" + INSTANCE);
		this.topics.handlerProperties().forEach((name, value) -> args.add("--" + name + "=" + value));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(JobHandlerApplication.class)
			.run(args.toArray(String[]::new));
		this.running.add(context);
		return context;
	}

	private static Path dataDir() {
		try {
			return Files.createTempDirectory("dcf-static-members").toAbsolutePath();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
