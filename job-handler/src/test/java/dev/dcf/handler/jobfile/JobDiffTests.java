package dev.dcf.handler.jobfile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.dcf.handler.job.JobRequest;
import dev.dcf.handler.job.RestartRequest;

import static org.assertj.core.api.Assertions.assertThat;

class JobDiffTests {

	private static JobRequest job(int containers, Map<String, String> env) {
		return new JobRequest("orders", null, "dcf/generator:latest", List.of("--rate", "10"), "orders", containers,
				0.5, 256, 600L, null, env, Map.of(), null, "replace", false, 3, null, null, "keep", null, null, null);
	}

	private static Map<String, String> env(String... pairs) {
		Map<String, String> env = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			env.put(pairs[i], pairs[i + 1]);
		}
		return env;
	}

	@Test
	void equalSettingsHaveNoChanges() {
		assertThat(JobDiff.between(job(2, env("A", "1")), job(2, env("A", "1")))).isEmpty();
	}

	@Test
	void startIsNotASetting() {
		JobRequest started = new JobRequest("orders", null, "dcf/generator:latest", List.of("--rate", "10"), "orders",
				2, 0.5, 256, 600L, null, env(), Map.of(), true);
		JobRequest stored = new JobRequest("orders", null, "dcf/generator:latest", List.of("--rate", "10"), "orders", 2,
				0.5, 256, 600L, null, env(), Map.of(), null);
		assertThat(JobDiff.between(stored, started)).isEmpty();
	}

	@Test
	void everyChangedFieldIsListedWithOldAndNewValue() {
		List<JobDiff.Change> changes = JobDiff.between(job(2, env("A", "1", "B", "2")),
				job(3, env("A", "1", "C", "3")));

		assertThat(changes).containsExactly(new JobDiff.Change("containers", 2, 3),
				new JobDiff.Change("env[C]", null, "3"), new JobDiff.Change("env[B]", "2", null));
	}

	@Test
	void nestedSettingsAreComparedFieldByField() {
		JobRequest before = job(2, env()).withRestart(new RestartRequest(3, "10m", null, null));
		JobRequest after = job(2, env()).withRestart(new RestartRequest(5, "10m", null, null));

		assertThat(JobDiff.between(before, after)).containsExactly(new JobDiff.Change("restart.attempts", 3, 5));
		assertThat(JobDiff.between(before, job(2, env()))).extracting(JobDiff.Change::field)
			.containsExactly("restart.attempts", "restart.interval");
	}

	@Test
	void valuesOfSecretVariablesAreNeverShown() {
		List<JobDiff.Change> changes = JobDiff.between(job(2, env("DB_PASSWORD", "old")),
				job(2, env("DB_PASSWORD", "new")));

		assertThat(changes).containsExactly(new JobDiff.Change("env[DB_PASSWORD]", "(hidden)", "(hidden)"));
	}

	@Test
	void valuesOfVariablesMarkedSecretAreNeverShownAndTheMarkIsAChange() {
		JobRequest stored = job(2, env("ACCOUNT", "old")).withSecretEnv(List.of("ACCOUNT"));
		JobRequest wanted = job(2, env("ACCOUNT", "new")).withSecretEnv(List.of("ACCOUNT"));

		assertThat(JobDiff.between(stored, wanted))
			.containsExactly(new JobDiff.Change("env[ACCOUNT]", "(hidden)", "(hidden)"));
		assertThat(JobDiff.between(job(2, env("ACCOUNT", "same")),
				job(2, env("ACCOUNT", "same")).withSecretEnv(List.of("ACCOUNT"))))
			.extracting(JobDiff.Change::field)
			.containsExactly("secretEnv");
	}

	@Test
	void aChangedCommandShowsTheWholeList() {
		JobRequest before = job(2, env());
		JobRequest after = new JobRequest("orders", null, "dcf/generator:latest", List.of("--rate", "20"), "orders", 2,
				0.5, 256, 600L, null, env(), Map.of(), null, "replace", false, 3, null, null, "keep", null, null, null);

		assertThat(JobDiff.between(before, after))
			.containsExactly(new JobDiff.Change("command", List.of("--rate", "10"), List.of("--rate", "20")));
	}

}
