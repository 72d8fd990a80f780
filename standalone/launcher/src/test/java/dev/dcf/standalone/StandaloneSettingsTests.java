package dev.dcf.standalone;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StandaloneSettingsTests {

	@Test
	void defaultsAreTheDocumentedPortsAndDataUnderTheWorkingDirectory() {
		StandaloneSettings settings = StandaloneSettings.load(new String[0], Map.of());

		assertThat(settings.kafkaPort()).isEqualTo(9092);
		assertThat(settings.registryPort()).isEqualTo(8081);
		assertThat(settings.httpPort()).isEqualTo(8080);
		assertThat(settings.dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
		assertThat(settings.buildGeneratorImage()).isTrue();
		assertThat(settings.readyTimeout()).isEqualTo(Duration.ofSeconds(60));
		assertThat(settings.home()).isNull();
	}

	@Test
	void environmentVariablesWithRelaxedNamesAreRead() {
		StandaloneSettings settings = StandaloneSettings.load(new String[0],
				Map.of("DCF_DATA_DIR", "/tmp/dcf-data", "DCF_STANDALONE_KAFKA_PORT", "19092",
						"DCF_STANDALONE_REGISTRY_PORT", "0", "DCF_STANDALONE_HTTP_PORT", "18080",
						"DCF_STANDALONE_READY_TIMEOUT", "5s", "DCF_STANDALONE_HOME", "/opt/dcf"));

		assertThat(settings.dataDir()).isEqualTo(Path.of("/tmp/dcf-data"));
		assertThat(settings.kafkaPort()).isEqualTo(19092);
		assertThat(settings.registryPort()).isZero();
		assertThat(settings.httpPort()).isEqualTo(18080);
		assertThat(settings.readyTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(settings.home()).isEqualTo(Path.of("/opt/dcf"));
	}

	@Test
	void argumentsWinOverEnvironmentVariables() {
		StandaloneSettings settings = StandaloneSettings.load(
				new String[] { "--dcf.standalone.http-port=9999", "--dcf.data-dir=/srv/dcf" },
				Map.of("DCF_STANDALONE_HTTP_PORT", "18080", "DCF_DATA_DIR", "/tmp/dcf-data"));

		assertThat(settings.httpPort()).isEqualTo(9999);
		assertThat(settings.dataDir()).isEqualTo(Path.of("/srv/dcf"));
	}

	@Test
	void rejectsAPortOutOfRange() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StandaloneSettings.load(new String[0], Map.of("DCF_STANDALONE_KAFKA_PORT", "70000")))
			.withMessageContaining("dcf.standalone.kafka-port");
	}

	@Test
	void rejectsAPortThatIsNotANumber() {
		assertThatThrownBy(() -> StandaloneSettings.load(new String[0], Map.of("DCF_STANDALONE_HTTP_PORT", "eighty")))
			.hasMessageContaining("dcf.standalone");
	}

}
