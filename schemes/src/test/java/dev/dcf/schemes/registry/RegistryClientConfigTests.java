package dev.dcf.schemes.registry;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RegistryClientConfigTests {

	@Test
	void ofUsesTheDefaultTimeouts() {
		RegistryClientConfig config = RegistryClientConfig.of("http://localhost:8081");

		assertThat(config.connectTimeout()).isEqualTo(RegistryClientConfig.DEFAULT_CONNECT_TIMEOUT);
		assertThat(config.requestTimeout()).isEqualTo(RegistryClientConfig.DEFAULT_REQUEST_TIMEOUT);
	}

	@Test
	void baseUrlDropsUserInfoAndTrailingSlashes() {
		RegistryClientConfig config = RegistryClientConfig.of(" HTTPS://bob:secret@registry.example:8443/api// ");

		assertThat(config.baseUrl()).isEqualTo("https://registry.example:8443/api");
		assertThat(config.basicAuthCredentials()).contains("bob:secret");
		assertThat(config.toString()).doesNotContain("secret").contains("https://registry.example:8443/api");
	}

	@Test
	void urlWithoutUserInfoHasNoCredentials() {
		assertThat(RegistryClientConfig.of("http://localhost:8081").basicAuthCredentials()).isEmpty();
	}

	@Test
	void rejectsBlankNonHttpOrHostlessUrls() {
		assertThatIllegalArgumentException().isThrownBy(() -> RegistryClientConfig.of(" "));
		assertThatIllegalArgumentException().isThrownBy(() -> RegistryClientConfig.of("ftp://localhost:8081"))
			.withMessageContaining("http or https");
		assertThatIllegalArgumentException().isThrownBy(() -> RegistryClientConfig.of("localhost:8081"));
		assertThatIllegalArgumentException().isThrownBy(() -> RegistryClientConfig.of("http:///path"))
			.withMessageContaining("no host");
	}

	@Test
	void invalidUrlMessageDoesNotEchoAPassword() {
		assertThatIllegalArgumentException().isThrownBy(() -> RegistryClientConfig.of("http://u:pa ss@host:8081"))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("pa ss"));
	}

	@Test
	void rejectsNonPositiveTimeouts() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RegistryClientConfig("http://localhost:8081", Duration.ZERO, Duration.ofSeconds(1)))
			.withMessageContaining("connectTimeout");
		assertThatIllegalArgumentException().isThrownBy(
				() -> new RegistryClientConfig("http://localhost:8081", Duration.ofSeconds(1), Duration.ofMillis(-1)))
			.withMessageContaining("requestTimeout");
	}

	@Test
	void credentialsGivenApartReplaceTheUrlsAndSurviveCharactersAUrlWouldMisread() {
		RegistryClientConfig config = RegistryClientConfig.of("http://old:secret@localhost:8081/base/")
			.withUserInfo("dcf-run-a-1:p@ss:w/rd+=");

		assertThat(config.basicAuthCredentials()).hasValue("dcf-run-a-1:p@ss:w/rd+=");
		assertThat(config.baseUrl()).isEqualTo("http://localhost:8081/base");
		assertThat(config.toString()).doesNotContain("p@ss").doesNotContain("secret");
		assertThatIllegalArgumentException().isThrownBy(() -> config.withUserInfo("no-colon"));
	}

}
