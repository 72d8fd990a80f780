package dev.dcf.standalone.testkit;

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
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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

}
