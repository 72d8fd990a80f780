package dev.dcf.agent.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AgentPropertiesTests {

	@Test
	void defaults() {
		AgentProperties properties = bind(Map.of());
		assertThat(properties.id()).isNull();
		assertThat(properties.idFile().normalize()).isEqualTo(Path.of("data/agent-id"));
		assertThat(properties.dockerHost()).isEqualTo("unix:///var/run/docker.sock");
		assertThat(properties.dockerNetwork()).isEqualTo("host");
		assertThat(properties.heartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
		assertThat(properties.maxContainers()).isEqualTo(20);
		assertThat(properties.allowedImages()).isEmpty();
		assertThat(properties.pullPolicy()).isEqualTo(AgentProperties.PullPolicy.IF_NOT_PRESENT);
		assertThat(properties.stopTimeout()).isEqualTo(Duration.ofSeconds(10));
		// a burst of CREATEs overlaps; the poll interval covers a poll of them
		assertThat(properties.concurrentInstructions()).isEqualTo(16);
		assertThat(properties.maxPollInterval()).isEqualTo(Duration.ofHours(2));
		assertThat(properties.hardening().toSpec().pidsLimit()).isEqualTo(256);
		assertThat(properties.hardening().logMaxSize()).isEqualTo("10m");
		assertThat(properties.hardening().logMaxFiles()).isEqualTo(3);
		assertThat(properties.health().minFreeMemory()).isEqualTo(DataSize.ofMegabytes(256));
		assertThat(properties.health().minFreeDisk()).isEqualTo(DataSize.ofGigabytes(1));
		// an agent restart must not stop jobs
		assertThat(properties.removeContainersOnShutdown()).isFalse();
	}

	@Test
	void theStandaloneLauncherCanHaveContainersRemovedOnShutdown() {
		assertThat(bind(Map.of("dcf.agent.remove-containers-on-shutdown", "true")).removeContainersOnShutdown())
			.isTrue();
	}

	@Test
	void registriesByHostWithCredentialsThatNeverPrint() {
		AgentProperties properties = bind(Map.of("dcf.agent.registries[registry.example.com:5000].username", "robot",
				"dcf.agent.registries[registry.example.com:5000].password", "s3cret", "dcf.agent.pull-policy", "always",
				"dcf.agent.allowed-images[0]", "dcf/*"));
		assertThat(properties.credentialsFor("registry.example.com:5000")).hasValueSatisfying((login) -> {
			assertThat(login.username()).isEqualTo("robot");
			assertThat(login.password()).isEqualTo("s3cret");
			assertThat(login.toString()).doesNotContain("s3cret");
		});
		assertThat(properties.registries().toString()).doesNotContain("s3cret");
		assertThat(properties.credentialsFor("docker.io")).isEmpty();
		assertThat(properties.pullPolicy()).isEqualTo(AgentProperties.PullPolicy.ALWAYS);
		assertThat(properties.allowedImages()).containsExactly("dcf/*");
	}

	@Test
	void nonPositiveDurationsAreRefused() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("dcf.agent.heartbeat-interval", "0s")))
			.havingRootCause()
			.withMessage("dcf.agent.heartbeat-interval must be positive, was PT0S");
	}

	private static AgentProperties bind(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("dcf.agent", AgentProperties.class);
	}

}
