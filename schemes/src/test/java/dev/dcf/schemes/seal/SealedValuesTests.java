package dev.dcf.schemes.seal;

import java.security.KeyPair;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SealedValuesTests {

	private static KeyPair agent;

	private static KeyPair otherAgent;

	@BeforeAll
	static void keys() {
		agent = SealedValues.newKeyPair();
		otherAgent = SealedValues.newKeyPair();
	}

	@Test
	void theAddressedAgentOpensWhatWasSealedForIt() {
		byte[] sealed = SealedValues.seal(SealedValues.publicKey(agent.getPublic().getEncoded()), "job-1",
				"DB_PASSWORD", "s3cr3t-välue");

		assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("s3cr3t");
		assertThat(SealedValues.open(agent.getPrivate(), "job-1", "DB_PASSWORD", sealed)).isEqualTo("s3cr3t-välue");
	}

	@Test
	void anotherAgentCannotOpenIt() {
		byte[] sealed = SealedValues.seal(agent.getPublic(), "job-1", "DB_PASSWORD", "s3cr3t");

		assertThatIllegalArgumentException()
			.isThrownBy(() -> SealedValues.open(otherAgent.getPrivate(), "job-1", "DB_PASSWORD", sealed));
	}

	@Test
	void aValueMovedToAnotherJobOrVariableIsRefused() {
		byte[] sealed = SealedValues.seal(agent.getPublic(), "job-1", "DB_PASSWORD", "s3cr3t");

		assertThatIllegalArgumentException()
			.isThrownBy(() -> SealedValues.open(agent.getPrivate(), "job-2", "DB_PASSWORD", sealed));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SealedValues.open(agent.getPrivate(), "job-1", "API_TOKEN", sealed));
	}

	@Test
	void aChangedValueIsRefused() {
		byte[] sealed = SealedValues.seal(agent.getPublic(), "job-1", "DB_PASSWORD", "s3cr3t");
		sealed[sealed.length - 1] ^= 1;

		assertThatIllegalArgumentException()
			.isThrownBy(() -> SealedValues.open(agent.getPrivate(), "job-1", "DB_PASSWORD", sealed));
	}

}
