package dev.dcf.agent.config;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class AgentKeysTests {

	@TempDir
	Path dir;

	@Test
	void theKeyFileIsCreatedOnFirstStartAndTheSameKeyIsReadAfterARestart() throws Exception {
		Path file = this.dir.resolve("agent-key");

		AgentKeys first = AgentKeys.readOrCreate(file);
		AgentKeys again = AgentKeys.readOrCreate(file);

		assertThat(again.publicKey()).isEqualTo(first.publicKey());
		assertThat(again.privateKey().getEncoded()).isEqualTo(first.privateKey().getEncoded());
		assertThat(Files.getPosixFilePermissions(file)).extracting(Object::toString)
			.containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
	}

}
