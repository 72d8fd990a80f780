package dev.dcf.handler.instruction;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobRepository;
import dev.dcf.handler.job.JobState;
import dev.dcf.handler.job.JobStateChanged;
import dev.dcf.handler.job.TestJobs;
import dev.dcf.handler.secret.SecretCipher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class RunPrincipalServiceTests {

	private final Principals principals = new Principals();

	@Test
	void aDryRunGetsAPrincipalForItsScratchTopicOnlyUntilItEnds() {
		RunPrincipalService service = service(true);

		Map<String, String> environment = service.grantDryRun("d-1", "dcf-dry-run-d-1");

		assertThat(this.principals.topics).containsExactly(Map.entry("dcf-run-d-1-0", "dcf-dry-run-d-1"));
		assertThat(environment).containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
			.containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
			.hasEntrySatisfying("KAFKA_SASL_JAAS_CONFIG",
					(jaas) -> assertThat(jaas).contains("username=\"dcf-run-d-1-0\""));

		service.revokeDryRun("d-1");

		assertThat(this.principals.topics).isEmpty();
		assertThat(this.principals.revoked).containsExactly("dcf-run-d-1-0");
	}

	@Test
	void withoutRunPrincipalsADryRunGetsNoneAndNothingIsAskedOfKafka() {
		RunPrincipalService service = service(false);

		assertThat(service.grantDryRun("d-1", "dcf-dry-run-d-1")).isEmpty();
		service.revokeDryRun("d-1");

		assertThat(this.principals.topics).isEmpty();
		assertThat(this.principals.revoked).isEmpty();
	}

	@Test
	void aJobsNextRunRevokesItsEarlierRunsPrincipalAndAFirstRunListsNoUsers() {
		RunPrincipalService service = service(true);
		Instant now = Instant.parse("2026-12-07T05:00:00Z");
		Job job = TestJobs.job("alice", now);
		job.start("started by alice", now);
		this.principals.topics.put("dcf-run-other-1", "other");

		service.grant(List.of(job));

		assertThat(this.principals.listed).as("users listed for a first run").isZero();
		assertThat(this.principals.topics).containsKeys("dcf-run-" + job.getId() + "-1", "dcf-run-other-1");

		job.fail("container 0 exited with code 1", now.plusSeconds(1));
		job.start("started again by alice", now.plusSeconds(2));
		service.grant(List.of(job));

		assertThat(this.principals.listed).isEqualTo(1);
		assertThat(this.principals.revoked).containsExactly("dcf-run-" + job.getId() + "-1");
		assertThat(this.principals.topics).containsOnlyKeys("dcf-run-" + job.getId() + "-2", "dcf-run-other-1");
	}

	@Test
	void theRunsOfAWaveAreGrantedInOneRequestAndEachGetsItsOwnCredentials() {
		RunPrincipalService service = service(true);
		Instant now = Instant.parse("2026-12-07T07:00:00Z");
		List<Job> jobs = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			Job job = TestJobs.job(TestJobs.request().topic("wave-" + i).build(), "alice", now);
			job.start("started by alice", now);
			jobs.add(job);
		}

		service.grant(jobs);

		assertThat(this.principals.requests).as("grant requests").isEqualTo(1);
		assertThat(this.principals.topics).containsOnly(Map.entry("dcf-run-" + jobs.get(0).getId() + "-1", "wave-0"),
				Map.entry("dcf-run-" + jobs.get(1).getId() + "-1", "wave-1"),
				Map.entry("dcf-run-" + jobs.get(2).getId() + "-1", "wave-2"));
		assertThat(service.environment(jobs.get(1))).hasEntrySatisfying("KAFKA_SASL_JAAS_CONFIG",
				(jaas) -> assertThat(jaas).contains("username=\"dcf-run-" + jobs.get(1).getId() + "-1\""));
		assertThat(service.environment(jobs.get(0)).get("KAFKA_SASL_JAAS_CONFIG"))
			.isNotEqualTo(service.environment(jobs.get(1)).get("KAFKA_SASL_JAAS_CONFIG"));
	}

	@Test
	void withoutRunPrincipalsAWaveAsksNothingOfKafkaAndCarriesNoCredentials() {
		RunPrincipalService service = service(false);
		Job job = TestJobs.job("alice", Instant.parse("2026-12-07T07:00:00Z"));

		service.grant(List.of(job));

		assertThat(this.principals.requests).isZero();
		assertThat(service.environment(job)).isEmpty();
	}

	@Test
	void aFinishedRunsPrincipalIsRevokedAfterwardsOnAThreadOfItsOwnNotByTheThreadThatEndedTheRun() {
		List<Runnable> later = new ArrayList<>();
		RunPrincipalService service = new RunPrincipalService(new RunPrincipalProperties(true, "SASL_PLAINTEXT"),
				this.principals, null, new SecretCipher(new byte[32], List.of()), later::add);
		Instant now = Instant.parse("2026-12-07T10:40:00Z");

		service.on(new JobStateChanged("j-1", 1, JobState.STOPPING, JobState.COMPLETED, "stopped", now));
		service.on(new JobStateChanged("j-2", 3, JobState.RUNNING, JobState.FAILED, "exited", now));

		assertThat(this.principals.revoked).as("revoked by the committing thread").isEmpty();
		later.forEach(Runnable::run);
		assertThat(this.principals.revoked).containsExactly("dcf-run-j-1-1", "dcf-run-j-2-3");
	}

	@Test
	void aRunsPrincipalIsGrantedWhenTheRunBeginsSoTheRelayAsksTheBrokerNothing() {
		Job job = startedJob();
		List<Runnable> later = new ArrayList<>();
		RunPrincipalService service = serviceFinding(List.of(job), later);

		begins(service, job);
		assertThat(this.principals.requests).as("asked by the committing thread").isZero();
		later.forEach(Runnable::run);
		assertThat(this.principals.topics).containsOnly(Map.entry("dcf-run-" + job.getId() + "-1", job.getTopic()));

		service.grant(List.of(job));

		assertThat(this.principals.requests).as("grant requests").isEqualTo(1);
		assertThat(service.environment(job)).hasEntrySatisfying("KAFKA_SASL_JAAS_CONFIG",
				(jaas) -> assertThat(jaas).contains("username=\"dcf-run-" + job.getId() + "-1\""));
	}

	@Test
	void runsThatBeginWhileAGrantWaitsForTheBrokerAreGrantedTogetherInTheNextRequest() {
		List<Job> jobs = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			Job job = TestJobs.job(TestJobs.request().topic("burst-" + i).build(), "alice", STARTED);
			job.start("started by alice", STARTED);
			jobs.add(job);
		}
		List<Runnable> later = new ArrayList<>();
		RunPrincipalService service = serviceFinding(jobs, later);

		jobs.forEach((job) -> service
			.on(new JobStateChanged(job.getId(), 1, JobState.SCHEDULED, JobState.DEPLOYING, "start time", STARTED)));
		later.forEach(Runnable::run);

		assertThat(this.principals.requests).as("one request for the three runs, and none for the tasks after it")
			.isEqualTo(1);
		assertThat(this.principals.topics).hasSize(3);
		service.grant(jobs);
		assertThat(this.principals.requests).isEqualTo(1);
	}

	@Test
	void theRelayGrantsARunsPrincipalItselfWhenTheGrantAheadFailed() {
		Job job = startedJob();
		List<Runnable> later = new ArrayList<>();
		RunPrincipalService service = serviceFinding(List.of(job), later);
		this.principals.refuseNext = true;

		begins(service, job);
		later.forEach(Runnable::run);
		assertThat(this.principals.topics).isEmpty();

		service.grant(List.of(job));

		assertThat(this.principals.requests).isEqualTo(2);
		assertThat(this.principals.topics).containsOnlyKeys("dcf-run-" + job.getId() + "-1");
	}

	@Test
	void theRelayDoesNotWaitForAGrantStillQueuedBehindOtherWorkButGrantsItAndTheQueuedOneIsSkipped() {
		Job job = startedJob();
		List<Runnable> later = new ArrayList<>();
		RunPrincipalService service = serviceFinding(List.of(job), later);

		begins(service, job);
		long started = System.nanoTime();
		service.grant(List.of(job));

		assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the relay's wait")
			.isLessThan(RunPrincipalService.AHEAD_WAIT);
		assertThat(this.principals.requests).isEqualTo(1);
		later.forEach(Runnable::run);
		assertThat(this.principals.requests).as("the queued grant, after the relay's").isEqualTo(1);
		assertThat(this.principals.topics).containsOnlyKeys("dcf-run-" + job.getId() + "-1");
	}

	@Test
	void aRunThatEndedBeforeItsGrantAheadCameIsNeitherGrantedNorLeftBehind() {
		Job job = startedJob();
		List<Runnable> later = new ArrayList<>();
		RunPrincipalService service = serviceFinding(List.of(job), later);

		begins(service, job);
		job.fail("no agent can take it", STARTED.plusSeconds(1));
		service.on(new JobStateChanged(job.getId(), 1, JobState.DEPLOYING, JobState.FAILED, "no agent", STARTED));
		later.forEach(Runnable::run);

		assertThat(this.principals.requests).isZero();
		assertThat(this.principals.topics).isEmpty();
	}

	private static final Instant STARTED = Instant.parse("2026-12-07T13:00:00Z");

	private static Job startedJob() {
		Job job = TestJobs.job("alice", STARTED);
		job.start("started by alice", STARTED);
		return job;
	}

	/** The event of the job's first run beginning, as the job's commit publishes it. */
	private static void begins(RunPrincipalService service, Job job) {
		service.on(new JobStateChanged(job.getId(), 1, null, JobState.DEPLOYING, "started by alice", STARTED));
	}

	private RunPrincipalService serviceFinding(List<Job> found, List<Runnable> later) {
		JobRepository jobs = mock(JobRepository.class);
		when(jobs.findAllById(any())).thenReturn(found);
		return new RunPrincipalService(new RunPrincipalProperties(true, "SASL_PLAINTEXT"), this.principals, jobs,
				new SecretCipher(new byte[32], List.of()), later::add);
	}

	private RunPrincipalService service(boolean enabled) {
		return new RunPrincipalService(new RunPrincipalProperties(enabled, "SASL_PLAINTEXT"), this.principals, null,
				new SecretCipher(new byte[32], List.of()), Runnable::run);
	}

	/** The broker's users and what each may write. */
	private static final class Principals implements RunPrincipals {

		final Map<String, String> topics = new LinkedHashMap<>();

		final List<String> revoked = new ArrayList<>();

		int requests;

		boolean refuseNext;

		@Override
		public void grant(List<Grant> grants) {
			this.requests++;
			if (this.refuseNext) {
				this.refuseNext = false;
				throw new IllegalStateException("the broker did not answer within 30000 ms");
			}
			grants.forEach((grant) -> this.topics.put(grant.user(), grant.topic()));
		}

		@Override
		public void revoke(String user) {
			this.topics.remove(user);
			this.revoked.add(user);
		}

		int listed;

		@Override
		public List<String> users() {
			this.listed++;
			return List.copyOf(this.topics.keySet());
		}

	}

}
