package dev.dcf.handler.instruction;

import java.time.Duration;
import java.util.ArrayList;
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
 * {@code dcf.kafka.run-principals.enabled}: asked for when the run begins (DEPLOYING), so
 * the broker commits it while the run is placed and its topic prepared; the relay makes
 * sure it exists before the run's CREATE is sealed (granting it itself if that grant
 * failed, is late, or another handler began the run). Deleted when the run ends
 * (COMPLETED, FAILED, LOST) or another run of the job gets one; leftovers (a handler that
 * stopped in between) are swept when the handler starts.
 */
@Component
class RunPrincipalService {

	private static final Logger log = LoggerFactory.getLogger(RunPrincipalService.class);

	/**
	 * How long the relay waits for a grant under way before it asks the broker itself
	 * (each grant is bounded by the admin timeout; this bounds a queue behind revokes).
	 */
	static final Duration AHEAD_WAIT = Duration.ofSeconds(5);

	private final RunPrincipalProperties properties;

	private final RunPrincipals principals;

	private final JobRepository jobs;

	private final SecretCipher cipher;

	/**
	 * Grants ahead, revokes and grants-again after a run's state changed, one at a time
	 * and in order, on a thread of their own: each is a metadata write the broker's
	 * controller commits (20-300 ms measured), and the thread that committed the change
	 * may be a status consumer whose next reports would wait for it.
	 */
	private final Executor afterChanges;

	private final AheadGrants ahead = new AheadGrants();

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
	 * Makes sure the principals of the jobs' current runs exist (the relay's wave): those
	 * granted when their runs began are taken as they are, the others are created all in
	 * one request of each kind, revoking the principals of their jobs' other runs;
	 * nothing when disabled.
	 * @throws RuntimeException when the broker does not confirm them (the CREATEs are
	 * retried)
	 */
	void grant(Collection<Job> jobs) {
		if (!enabled() || jobs.isEmpty()) {
			return;
		}
		grantNow(jobs.stream()
			.filter((job) -> !this.ahead.take(RunCredentials.user(job.getId(), job.getRunNumber()), AHEAD_WAIT))
			.toList());
	}

	private void grantNow(Collection<Job> jobs) {
		if (jobs.isEmpty()) {
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
			this.ahead.forget(user);
			afterChange(() -> revokeQuietly(user));
		}
		else if (changed.to() == JobState.DEPLOYING && changed.from() != JobState.DEPLOYING) {
			// a run begins: its two metadata commits overlap its placement (measured:
			// 135 ms median on the path to RUNNING when the relay granted it)
			this.ahead.want(user, changed.jobId(), changed.runNumber());
			afterChange(this::grantWanted);
		}
		else if (changed.from() == JobState.LOST && changed.to() == JobState.RUNNING) {
			// the agent came back with the run's containers: the same (derived) password
			// works again
			afterChange(
					() -> this.jobs.findById(changed.jobId()).ifPresent((job) -> regrantQuietly(user, job.getTopic())));
		}
	}

	/**
	 * Grants the runs wanted so far in one request (a burst's runs queue up while the
	 * previous request waits for the broker); a run that moved on meanwhile is skipped.
	 */
	private void grantWanted() {
		List<AheadGrants.Wanted> wanted = this.ahead.drain();
		if (wanted.isEmpty()) {
			return;
		}
		try {
			Map<String, Job> byId = new HashMap<>();
			this.jobs.findAllById(wanted.stream().map(AheadGrants.Wanted::jobId).toList())
				.forEach((job) -> byId.put(job.getId(), job));
			List<AheadGrants.Wanted> current = new ArrayList<>();
			List<Job> runs = new ArrayList<>();
			for (AheadGrants.Wanted run : wanted) {
				Job job = byId.get(run.jobId());
				if (job != null && job.getState() == JobState.DEPLOYING && job.getRunNumber() == run.runNumber()) {
					current.add(run);
					runs.add(job);
				}
			}
			grantNow(runs);
			this.ahead.done(current, true);
		}
		catch (RuntimeException ex) {
			// the relay grants them itself, and fails or retries the CREATE as it always
			// did
			log.debug("Could not grant {} run principals ahead: {}", wanted.size(), ex.getMessage());
		}
		finally {
			this.ahead.done(wanted, false);
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
