package dev.dcf.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SharedInfrastructureIT {

	@Test
	void oneBrokerAndRegistryPerJvm() {
		SharedInfrastructure first = SharedInfrastructure.get();

		assertThat(SharedInfrastructure.get()).isSameAs(first);
		assertThat(first.bootstrapServers()).matches("localhost:\\d+");
		assertThat(first.registryUrl()).matches("http://localhost:\\d+");
	}

	@Test
	void brokerAndRegistryAnswer() throws Exception {
		SharedInfrastructure shared = SharedInfrastructure.get();
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, shared.bootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic("shared-" + System.nanoTime(), 6, (short) 1)))
				.all()
				.get(30, TimeUnit.SECONDS);
		}

		var response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(shared.registryUrl() + "/config")).build(),
					BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"compatibilityLevel\"");
	}

	@Test
	void theAuthenticatedBrokerServesTheTestsLoginAndRefusesAWrongPassword() throws Exception {
		SharedInfrastructure shared = SharedInfrastructure.authenticated();

		assertThat(SharedInfrastructure.authenticated()).isSameAs(shared).isNotSameAs(SharedInfrastructure.get());
		assertThat(shared.isAuthenticated()).isTrue();
		try (Admin admin = Admin.create(shared.clientProperties())) {
			admin.createTopics(List.of(new NewTopic("shared-auth-" + System.nanoTime(), 1, (short) 1)))
				.all()
				.get(30, TimeUnit.SECONDS);
		}
		try (Admin intruder = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, shared.bootstrapServers(),
				AdminClientConfig.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN",
				"sasl.jaas.config",
				"org.apache.kafka.common.security.plain.PlainLoginModule required username=\"dcf-handler\" password=\"wrong-password-0123456\";"))) {
			assertThatThrownBy(() -> intruder.listTopics().names().get(30, TimeUnit.SECONDS))
				.hasCauseInstanceOf(SaslAuthenticationException.class);
		}
		assertThat(shared.applicationProperties(SharedInfrastructure.HANDLER))
			.containsEntry("spring.kafka.properties.sasl.mechanism", "PLAIN")
			.containsEntry("dcf.kafka.run-principals.enabled", "true")
			.hasEntrySatisfying("dcf.schema-registry.url",
					(url) -> assertThat(url).matches("http://dcf-handler:[0-9a-f]+@localhost:\\d+"));
		assertThat(SharedInfrastructure.get().applicationProperties(SharedInfrastructure.HANDLER))
			.containsOnlyKeys("spring.kafka.bootstrap-servers", "dcf.schema-registry.url");
	}

}
