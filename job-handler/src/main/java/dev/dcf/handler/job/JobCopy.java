package dev.dcf.handler.job;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a clone of a job takes over (the GUI's "Clone" form and {@code POST
 * /api/jobs/{id}/clone}): every setting, under the name "copy of ...", not started, no
 * start time; the values of secret environment variables ({@link EnvVar#secret}) are not
 * copied, they are left empty for the user to fill in (and stay secret).
 */
public final class JobCopy {

	private JobCopy() {
	}

	/**
	 * The clone's name: "copy of NAME" while that fits, else the original name.
	 * @param job the original
	 * @return the name
	 */
	public static String name(Job job) {
		String copyName = "copy of " + job.getName();
		return (copyName.length() <= 100) ? copyName : job.getName();
	}

	/**
	 * The clone's environment, in order, secret values empty.
	 * @param job the original
	 * @return a new ordered map
	 */
	public static Map<String, String> env(Job job) {
		Map<String, String> env = new LinkedHashMap<>();
		job.getEnv().forEach((variable) -> env.put(variable.name(), variable.secret() ? "" : variable.value()));
		return env;
	}

	/**
	 * The names of the original's secret variables: they stay secret in the clone.
	 * @param job the original
	 * @return the names, in order
	 */
	public static List<String> secretNames(Job job) {
		return job.getEnv().stream().filter(EnvVar::secret).map(EnvVar::name).toList();
	}

	/**
	 * The request that creates the clone.
	 * @param job the original
	 * @return a request, not started
	 */
	static JobRequest request(Job job) {
		List<String> command = job.getCommand().isEmpty() ? null : new ArrayList<>(job.getCommand());
		return new JobRequest(name(job), job.getDescription(), (job.getGenerator() != null) ? null : job.getImage(),
				command, job.getTopic(), job.getContainers(), job.getCpuLimit(), job.getMemoryLimitMb(),
				job.getDurationSeconds(), null, env(job), new LinkedHashMap<>(job.getAgentLabels()), false,
				job.getOnAgentLost().label(), job.isExclusive(), job.getTopicPartitions(),
				job.getTopicReplicationFactor(), job.getTopicRetentionHours(), job.getTopicCleanup().label(),
				job.getTargetRate(), job.getMaxRecords(), job.getGenerator())
			.withSchedule(job.getSchedule())
			.withRestart(job.getRestart().toRequest())
			.withSecretEnv(secretNames(job));
	}

}
