package dev.dcf.handler.instruction;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RunCredentialsTests {

	private final RunCredentials credentials = new RunCredentials(new byte[32], "SASL_PLAINTEXT");

	@Test
	void aRunsUserNamesItsJobAndRunAndParsesBack() {
		String user = RunCredentials.user("0b6f-job-id", 3);

		assertThat(user).isEqualTo("dcf-run-0b6f-job-id-3");
		assertThat(RunCredentials.parse(user)).contains(new RunCredentials.Run("0b6f-job-id", 3));
		assertThat(RunCredentials.parse("dcf-handler")).isEmpty();
		assertThat(RunCredentials.parse("dcf-run-job")).isEmpty();
	}

	@Test
	void thePasswordIsTheSameForOneRunAndDiffersBetweenRunsAndSecrets() {
		String password = this.credentials.password(RunCredentials.user("job", 1));

		assertThat(this.credentials.password(RunCredentials.user("job", 1))).isEqualTo(password).hasSize(43);
		assertThat(this.credentials.password(RunCredentials.user("job", 2))).isNotEqualTo(password);
		byte[] other = new byte[32];
		other[0] = 1;
		assertThat(new RunCredentials(other, "SASL_PLAINTEXT").password(RunCredentials.user("job", 1)))
			.isNotEqualTo(password);
	}

	@Test
	void theContainerGetsTheClientSettingsNamedTheWayImagesReadThem() {
		String user = RunCredentials.user("job", 1);

		assertThat(this.credentials.environment(user)).containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
			.containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
			.containsEntry("KAFKA_SASL_JAAS_CONFIG",
					"org.apache.kafka.common.security.scram.ScramLoginModule required username=\"dcf-run-job-1\""
							+ " password=\"" + this.credentials.password(user) + "\";")
			.containsEntry("SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO", "dcf-run-job-1:" + this.credentials.password(user));
	}

	@Test
	void onlySaslProtocolsAreAccepted() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RunPrincipalProperties(true, "PLAINTEXT"))
			.withMessageContaining("dcf.kafka.run-principals.security-protocol");
	}

}
