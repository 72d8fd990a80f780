package dev.dcf.standalone;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.dcf.agent.ContainerAgentApplication;
import dev.dcf.handler.JobHandlerApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class EmbeddedAppTests {

	@Test
	void eachAppReadsTheApplicationYamlOfItsOwnJar() throws IOException {
		assertThat(applicationYaml(EmbeddedApp.configRoot(JobHandlerApplication.class)))
			.contains("name: dcf-job-handler");
		assertThat(applicationYaml(EmbeddedApp.configRoot(ContainerAgentApplication.class)))
			.contains("name: dcf-container-agent");
	}

	@Test
	void configRootIsADirectoryLocation() {
		assertThat(EmbeddedApp.configRoot(JobHandlerApplication.class)).endsWith("/");
	}

	@Test
	void refusesAClassWithoutApplicationYamlBesideIt() {
		assertThatIllegalStateException().isThrownBy(() -> EmbeddedApp.configRoot(EmbeddedAppTests.class))
			.withMessageContaining("No application.yaml");
	}

	@Test
	void fixedPropertiesPointSpringBootAtTheAppsOwnConfigAndKeepTheLauncherInCharge() {
		EmbeddedApp app = new EmbeddedApp(ContainerAgentApplication.class).fixed("a", "1").byDefault("b", "2");

		assertThat(app.fixedProperties())
			.containsEntry("spring.config.location", EmbeddedApp.configRoot(ContainerAgentApplication.class))
			.containsEntry("spring.main.register-shutdown-hook", "false")
			.containsEntry("logging.register-shutdown-hook", "false")
			.containsEntry("a", "1")
			.doesNotContainKey("b");
		assertThat(app.defaultProperties()).containsOnlyKeys("b");
	}

	private static String applicationYaml(String root) throws IOException {
		try (InputStream in = URI.create(root + "application.yaml").toURL().openStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
