package dev.dcf.agent.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import dev.dcf.agent.runtime.ManagedContainer.ContainerStatus;
import dev.dcf.agent.testsupport.FakeRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class AgentIdRecoveryTests {

	private static final String ID_FILE = "/data/agent-id";

	private final FakeRuntime runtime = new FakeRuntime();

	@Test
	void theContainersOfItsIdFileGiveTheAgentItsIdBack() {
		add("dcf-job-1-0", "agent-old", ID_FILE);
		add("dcf-job-2-0", "agent-old", ID_FILE);
		// another agent on the same daemon, with an id file of its own
		add("dcf-job-3-0", "agent-other", "/other/agent-id");
		// one with a configured id (no id file label)
		add("dcf-job-4-0", "agent-configured", null);

		assertThat(recovery().get()).isEqualTo("agent-old");
	}

	@Test
	void containersWithoutAnIdFileLabelAreOtherAgentsEvenIfTheyAreOneAgents() {
		// a configured id, or an agent older than the label: a new agent on a shared
		// daemon must not take its id
		add("dcf-job-1-0", "agent-configured", null);
		add("dcf-job-2-0", "agent-configured", null);

		assertThat(recovery().get()).isEqualTo("agent-new");
	}

	@Test
	void containersOfSeveralAgentsAreNoReasonToGuess() {
		add("dcf-job-1-0", "agent-a", ID_FILE);
		add("dcf-job-2-0", "agent-b", ID_FILE);
		add("dcf-job-3-0", "agent-a", ID_FILE);

		assertThat(recovery().get()).isEqualTo("agent-new");
	}

	@Test
	void onlyContainersOfOtherIdFilesMeanANewAgent() {
		add("dcf-job-1-0", "agent-other", "/other/agent-id");

		assertThat(recovery().get()).isEqualTo("agent-new");
	}

	@Test
	void noContainersMeanANewAgent() {
		assertThat(recovery().get()).isEqualTo("agent-new");
	}

	@Test
	void aLabelThatIsNoValidIdIsNotTaken() {
		add("dcf-job-1-0", "not an id!", ID_FILE);

		assertThat(recovery().get()).isEqualTo("agent-new");
	}

	@Test
	void whenDockerDoesNotAnswerTheAgentStartsWithANewId() {
		add("dcf-job-1-0", "agent-old", ID_FILE);
		this.runtime.daemonDown = true;

		assertThat(recovery().get()).isEqualTo("agent-new");
	}

	@Test
	void theRecoveredIdIsWrittenToTheIdFileAgain(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("agent-id");
		add("dcf-job-1-0", "agent-old", file.toString());

		String id = new AgentIdFile(file, new AgentIdRecovery(this.runtime, file.toString(), () -> "agent-new"))
			.readOrCreate();

		assertThat(id).isEqualTo("agent-old");
		assertThat(Files.readString(file).strip()).isEqualTo("agent-old");
	}

	private AgentIdRecovery recovery() {
		return new AgentIdRecovery(this.runtime, ID_FILE, () -> "agent-new");
	}

	private void add(String name, String agentId, String idFile) {
		Map<String, String> labels = new HashMap<>(
				Map.of(ManagedLabels.MANAGED, "true", ManagedLabels.JOB_ID, name, ManagedLabels.AGENT_ID, agentId));
		if (idFile != null) {
			labels.put(ManagedLabels.AGENT_ID_FILE, idFile);
		}
		this.runtime.add(name, labels, ContainerStatus.RUNNING, null);
	}

}
