package dev.dcf.faults;

import java.util.ArrayList;
import java.util.List;

/**
 * What one Docker daemon holds, seen with the {@code docker} CLI, independent of the
 * agents: the containers DCF manages, with their labels.
 */
final class DockerView {

	private static final String FORMAT = "{{.ID}}|{{.State}}|{{.Label \"dcf.job-id\"}}|{{.Label \"dcf.run\"}}|"
			+ "{{.Label \"dcf.agent-id\"}}|{{.Label \"dcf.container-index\"}}";

	final String name;

	private final String host;

	DockerView(String name, String host) {
		this.name = name;
		this.host = host;
	}

	List<ManagedContainer> containers() {
		String output = Shell.run(List.of("docker", "-H", this.host, "ps", "-a", "--no-trunc", "--filter",
				"label=dcf.managed=true", "--format", FORMAT), 30);
		List<ManagedContainer> containers = new ArrayList<>();
		for (String line : output.split("\n")) {
			if (line.isBlank()) {
				continue;
			}
			String[] fields = line.split("\\|", -1);
			containers.add(new ManagedContainer(this.name, fields[0], fields[1], fields[2], parse(fields[3]), fields[4],
					parse(fields[5])));
		}
		return containers;
	}

	int restartCount(String containerId) {
		return Integer.parseInt(
				Shell.run(List.of("docker", "-H", this.host, "inspect", "-f", "{{.RestartCount}}", containerId), 30)
					.trim());
	}

	void remove(List<String> containerIds) {
		if (!containerIds.isEmpty()) {
			List<String> command = new ArrayList<>(List.of("docker", "-H", this.host, "rm", "-f"));
			command.addAll(containerIds);
			Shell.tryRun(command, 60);
		}
	}

	private static int parse(String number) {
		try {
			return Integer.parseInt(number.trim());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	/** A container with DCF's labels, on daemon {@code daemon}. */
	record ManagedContainer(String daemon, String id, String state, String jobId, int run, String agentId, int index) {

		boolean running() {
			return "running".equals(this.state);
		}

	}

}
