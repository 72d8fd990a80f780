package dev.dcf.handler.instruction;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobRepository;
import dev.dcf.handler.job.JobState;
import dev.dcf.handler.job.JobStateChanged;
import dev.dcf.handler.secret.SecretCipher;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * One Kafka principal per job run (docs/security.md), when
 * {@code dcf.kafka.run-principals.enabled}: created when the run's CREATE is sealed,
 * deleted when the run ends (COMPLETED, FAILED, LOST) or another run of the job gets one;
 * leftovers (a handler that stopped in between) are swept when the handler starts.
 */
@Component
class RunPrincipalService {

	private static final Logger log = LoggerFactory.getLogger(RunPrincipalService.class);

	private final RunPrincipalProperties properties;

	private final RunPrincipals principals;

	private final JobRepository jobs;

	private final SecretCipher cipher;

	/**
	 * Revokes and grants-again after a run's state changed, one at a time and in order,
	 * on a thread of their own: each is a metadata write the broker's controller commits
	 * (100-300 ms measured), and the thread that committed the change may be a status
	 * consumer whose next reports would wait for it.
	 */
	private final Executor afterChanges;

	private volatile RunCredentials credentials;

	@Autowired
	RunPrincipalService(RunPrincipalProperties properties, RunPrincipals principals, JobRepository jobs,
			SecretCipher cipher) {
		this(properties, principals, jobs, cipher, Executors.newSingleThreadExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "dcf-run-principals");
			thread.setDaemon(true);
			return thread;
		}));
	}

	RunPrincipalService(RunPrincipalProperties properties, RunPrincipals principals, JobRepository jobs,
			SecretCipher cipher, Executor afterChanges) {
		this.properties = properties;
		this.principals = principals;
		this.jobs = jobs;
		this.cipher = cipher;
		this.afterChanges = afterChanges;
	}

	boolean enabled() {
		return this.properties.enabled();
	}

	/**
	 * Creates the principals of the jobs' current runs, all in one request of each kind
	 * (the relay's wave), and revokes the principals of their other runs; nothing when
	 * disabled.
	 * @throws RuntimeException when the broker does not confirm them (the CREATEs are
	 * retried)
	 */
	void grant(Collection<Job> jobs) {
		if (!enabled() || jobs.isEmpty()) {
			return;
		}
		// a first run has no earlier one to revoke: spare the broker the listing of every
		// user (it grows with the jobs running)
		Map<String, Integer> laterRuns = new HashMap<>();
		jobs.stream()
			.filter((job) -> job.getRunNumber() > 1)
			.forEach((job) -> laterRuns.put(job.getId(), job.getRunNumber()));
		if (!laterRuns.isEmpty()) {
			for (String other : this.principals.users()) {
				RunCredentials.parse(other)
					.filter((run) -> laterRuns.containsKey(run.jobId())
							&& run.runNumber() != laterRuns.get(run.jobId()))
					.ifPresent((run) -> this.principals.revoke(other));
			}
		}
		this.principals.grant(jobs.stream().map((job) -> {
			String user = RunCredentials.user(job.getId(), job.getRunNumber());
			return new RunPrincipals.Grant(user, credentials().password(user), job.getTopic());
		}).toList());
	}

	/**
	 * The container settings that carry the credentials of the job's current run (granted
	 * with {@link #grant}); empty when disabled.
	 */
	Map<String, String> environment(Job job) {
		if (!enabled()) {
			return Map.of();
		}
		return credentials().environment(RunCredentials.user(job.getId(), job.getRunNumber()));
	}

	/**
	 * Creates the principal of a dry run (run number 0 of its id), allowed its scratch
	 * topic only, and returns the container settings; empty when disabled. A dry run's id
	 * names no job, so a principal left behind is swept at the next start.
	 */
	Map<String, String> grantDryRun(String dryRunId, String topic) {
		if (!enabled()) {
			return Map.of();
		}
		String user = RunCredentials.user(dryRunId, 0);
		this.principals.grant(List.of(new RunPrincipals.Grant(user, credentials().password(user), topic)));
		return credentials().environment(user);
	}

	/** Deletes a dry run's principal (quietly: the next start's sweep tries again). */
	void revokeDryRun(String dryRunId) {
		if (enabled()) {
			revokeQuietly(RunCredentials.user(dryRunId, 0));
		}
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void on(JobStateChanged changed) {
		if (!enabled()) {
			return;
		}
		String user = RunCredentials.user(changed.jobId(), changed.runNumber());
		if (changed.to().isTerminal()) {
			afterChange(() -> revokeQuietly(user));
		}
		else if (changed.from() == JobState.LOST && changed.to() == JobState.RUNNING) {
			// the agent came back with the run's containers: the same (derived) password
			// works again
			afterChange(
					() -> this.jobs.findById(changed.jobId()).ifPresent((job) -> regrantQuietly(user, job.getTopic())));
		}
	}

	private void afterChange(Runnable task) {
		try {
			this.afterChanges.execute(task);
		}
		catch (RejectedExecutionException ex) {
			// shutting down: the next start's sweep revokes what is left
			log.debug("Not revoking or granting a run principal while shutting down");
		}
	}

	@PreDestroy
	void close() throws InterruptedException {
		if (this.afterChanges instanceof ExecutorService executor) {
			executor.shutdown();
			executor.awaitTermination(10, TimeUnit.SECONDS);
		}
	}

	private void regrantQuietly(String user, String topic) {
		try {
			this.principals.grant(List.of(new RunPrincipals.Grant(user, credentials().password(user), topic)));
			log.info("Granted Kafka principal {} again: its run was resumed", user);
		}
		catch (RuntimeException ex) {
			log.warn("Could not grant Kafka principal {} again: {}", user, ex.getMessage());
		}
	}

	/** Revokes every run principal whose run is not the active run of its job. */
	@EventListener(ApplicationReadyEvent.class)
	void sweep() {
		if (!enabled()) {
			return;
		}
		try {
			for (String user : this.principals.users()) {
				Optional<RunCredentials.Run> run = RunCredentials.parse(user);
				if (run.isPresent() && !isActiveRun(run.get())) {
					revokeQuietly(user);
				}
			}
		}
		catch (RuntimeException ex) {
			log.warn("Could not sweep leftover run principals: {}", ex.getMessage());
		}
	}

	private boolean isActiveRun(RunCredentials.Run run) {
		return this.jobs.findById(run.jobId())
			.map((job) -> job.getState().isActive() && job.getRunNumber() == run.runNumber())
			.orElse(false);
	}

	private void revokeQuietly(String user) {
		try {
			this.principals.revoke(user);
			log.info("Revoked Kafka principal {}", user);
		}
		catch (RuntimeException ex) {
			// the next start's sweep tries again
			log.warn("Could not revoke Kafka principal {}: {}", user, ex.getMessage());
		}
	}

	private RunCredentials credentials() {
		RunCredentials current = this.credentials;
		if (current == null) {
			current = new RunCredentials(this.cipher.derive("kafka-run-principals"),
					this.properties.securityProtocol());
			this.credentials = current;
		}
		return current;
	}

}
