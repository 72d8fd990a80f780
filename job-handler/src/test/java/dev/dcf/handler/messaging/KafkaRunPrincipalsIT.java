package dev.dcf.handler.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.dcf.handler.instruction.RunPrincipals;
import dev.dcf.standalone.embedded.BrokerAuth;
import dev.dcf.testsupport.SharedInfrastructure;
import dev.dcf.testsupport.TestClients;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.core.KafkaAdmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Run principals on the shared authenticated broker: the users of a whole wave are
 * created in one request, and each may write its own topic only, until it is revoked.
 */
class KafkaRunPrincipalsIT {

	private static final SharedInfrastructure KAFKA = SharedInfrastructure.authenticated();

	private final SharedAdmin admin = new SharedAdmin(new KafkaAdmin(new HashMap<>(KAFKA.clientProperties())));

	private final KafkaRunPrincipals principals = new KafkaRunPrincipals(this.admin,
			new TopicAdminProperties(Duration.ofSeconds(10)));

	private final String prefix = "principals-" + UUID.randomUUID().toString().substring(0, 8);

	@AfterEach
	void closeAdmin() {
		this.admin.destroy();
	}

	@Test
	void aWavesUsersAreCreatedTogetherAndEachWritesOnlyItsOwnTopicUntilRevoked() throws Exception {
		List<RunPrincipals.Grant> wave = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			wave.add(new RunPrincipals.Grant("dcf-run-" + this.prefix + "-" + i + "-1", "run-password-of-test-" + i,
					this.prefix + "-topic-" + i));
		}
		try (Admin kafka = Admin.create(KAFKA.clientProperties())) {
			kafka.createTopics(wave.stream().map((grant) -> new NewTopic(grant.topic(), 1, (short) 1)).toList())
				.all()
				.get(30, TimeUnit.SECONDS);
		}

		this.principals.grant(wave);

		// grant returns once the controller committed; the broker applies the committed
		// metadata a moment later (milliseconds), so what it shows is awaited
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.principals.users())
				.containsAll(wave.stream().map(RunPrincipals.Grant::user).toList()));
		for (int i = 0; i < wave.size(); i++) {
			RunPrincipals.Grant grant = wave.get(i);
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> send(grant, grant.topic()));
			String other = wave.get((i + 1) % wave.size()).topic();
			assertThatThrownBy(() -> send(grant, other)).as("%s writing %s", grant.user(), other)
				.hasCauseInstanceOf(TopicAuthorizationException.class);
		}

		this.principals.revoke(wave.get(0).user());

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThatThrownBy(() -> send(wave.get(0), wave.get(0).topic())).as("a revoked user")
				.hasCauseInstanceOf(SaslAuthenticationException.class));
		send(wave.get(1), wave.get(1).topic());
		wave.stream().skip(1).forEach((grant) -> this.principals.revoke(grant.user()));
	}

	private static void send(RunPrincipals.Grant grant, String topic) throws Exception {
		TestClients.sendOne(KAFKA.bootstrapServers(), BrokerAuth.scramClientProperties(grant.user(), grant.password()),
				topic);
	}

}
