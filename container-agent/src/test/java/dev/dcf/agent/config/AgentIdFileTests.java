package dev.dcf.agent.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class AgentIdFileTests {

	@Test
	void createsTheFileOnFirstStartAndReusesItAfter(@TempDir Path dir) throws IOException {
		Path file = dir.resolve("data/agent-id");
		String first = new AgentIdFile(file).readOrCreate();
		assertThat(first).matches("[0-9a-f-]{36}");
		assertThat(Files.readString(file).strip()).isEqualTo(first);
		assertThat(new AgentIdFile(file, () -> "never-used").readOrCreate()).isEqualTo(first);
		assertThat(Files.list(file.getParent())).containsExactly(file);
	}

	@Test
	void refusesAFileThatHoldsNoValidId(@TempDir Path dir) throws IOException {
		Path file = dir.resolve("agent-id");
		Files.writeString(file, "not an id\n");
		assertThatIllegalStateException().isThrownBy(() -> new AgentIdFile(file).readOrCreate())
			.withMessageContaining("does not hold a valid id: 'not an id'");
	}

}
