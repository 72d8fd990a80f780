package dev.dcf.handler.instruction;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobRepository;
import dev.dcf.handler.job.JobState;
import dev.dcf.handler.system.BackgroundLoop;
import dev.dcf.handler.system.Leadership;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends queued instructions, oldest first, in waves: the oldest unsent instruction of
 * every agent is sent, the acknowledgements awaited together, and only then are the rows
 * deleted (one transaction per wave). A failed send holds back the later instructions of
 * the same agent in this round (so none overtakes it), while other agents' instructions
 * go on; it is retried with a growing pause, never dropped — unless Kafka refuses it for
 * good (larger than the broker takes): then it is dropped and its job, if it was a
 * CREATE, fails with the reason. A crash between acknowledgement and delete sends it
 * again: delivery is at least once, and agents are idempotent.
 *
 * <p>
 * A CREATE whose job has moved on (stopped, failed, started anew, deleted) before it was
 * sent is dropped: the DELETE queued by that change follows anyway.
 */
@Component
class OutboxRelay implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

	static final Duration FIRST_RETRY = Duration.ofMillis(500);

	static final Duration MAX_RETRY = Duration.ofSeconds(30);

	private static final long MIB = 1024L * 1024L;

	private final OutboxRepository entries;

	private final JobRepository jobs;

	private final InstructionSender sender;

	private final TransactionTemplate transactions;

	private final TransactionTemplate readOnly;

	private final BackgroundLoop loop;

	private final Counter sentCreates;

	private final Counter sentDeletes;

	private final Counter failures;

	private Duration retryDelay = FIRST_RETRY;

	private final Clock clock;

	private final SecretSealer sealer;

	OutboxRelay(OutboxRepository entries, JobRepository jobs, InstructionSender sender, SecretSealer sealer,
			PlatformTransactionManager transactionManager, MeterRegistry meters, Clock clock, Leadership leadership) {
		this.sealer = sealer;
		this.clock = clock;
		this.entries = entries;
		this.jobs = jobs;
		this.sender = sender;
		this.transactions = new TransactionTemplate(transactionManager);
		this.readOnly = new TransactionTemplate(transactionManager);
		this.readOnly.setReadOnly(true);
		// on the leader only: two relays would send every instruction twice
		this.loop = BackgroundLoop.whileLeading(leadership, "dcf-outbox-relay", POLL_INTERVAL, this::drain);
		this.sentCreates = Counter.builder("dcf.instructions.sent")
			.tag("operation", "CREATE")
			.description("Instructions acknowledged by the broker")
			.register(meters);
		this.sentDeletes = Counter.builder("dcf.instructions.sent")
			.tag("operation", "DELETE")
			.description("Instructions acknowledged by the broker")
			.register(meters);
		this.failures = Counter.builder("dcf.instructions.send.failures")
			.description("Failed attempts to send an instruction (it is retried)")
			.register(meters);
		Gauge.builder("dcf.instructions.pending", entries, OutboxRepository::count)
			.description("Instructions waiting in the outbox")
			.register(meters);
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
	void on(InstructionQueued queued) {
		this.loop.wakeUp();
	}

	/**
	 * One round: sends what is queued, in waves. A wave is the oldest unsent instruction
	 * of every agent (at most one per agent in flight, so none overtakes an earlier one
	 * of its agent): all are handed to the broker, their acknowledgements awaited
	 * together, and the outcome stored in one transaction. A send that fails holds back
	 * the later instructions of the same agent (their order must hold) but not those of
	 * other agents; an instruction Kafka refuses for good is dropped, and a CREATE's job
	 * fails.
	 * @return when to run again: {@code null} for the usual interval, a growing pause
	 * after failures
	 */
	Duration drain() {
		Set<String> heldBack = new HashSet<>();
		long after = Long.MIN_VALUE;
		while (true) {
			long from = after;
			List<OutboxEntry> window = this.readOnly
				.execute((status) -> this.entries.findTop500BySeqGreaterThanOrderBySeqAsc(from));
			if (window == null || window.isEmpty()) {
				break;
			}
			after = window.get(window.size() - 1).getSeq();
			Map<String, Deque<OutboxEntry>> queues = new LinkedHashMap<>();
			for (OutboxEntry entry : window) {
				if (!heldBack.contains(entry.getAgentId())) {
					queues.computeIfAbsent(entry.getAgentId(), (agent) -> new ArrayDeque<>()).add(entry);
				}
			}
			while (!queues.isEmpty()) {
				List<OutboxEntry> wave = queues.values().stream().map(Deque::poll).toList();
				Map<OutboxEntry, Outcome> outcomes = relay(wave);
				for (Map.Entry<OutboxEntry, Outcome> outcome : outcomes.entrySet()) {
					if (outcome.getValue() != Outcome.SENT) {
						heldBack.add(outcome.getKey().getAgentId());
						queues.remove(outcome.getKey().getAgentId());
					}
				}
				if (outcomes.containsValue(Outcome.KAFKA_UNREACHABLE)) {
					// nothing else gets through either: do not wait out
					// every agent's timeout
					return retryLater();
				}
				queues.values().removeIf(Deque::isEmpty);
			}
		}
		if (heldBack.isEmpty()) {
			this.retryDelay = FIRST_RETRY;
			return null;
		}
		return retryLater();
	}

	private Duration retryLater() {
		Duration delay = this.retryDelay;
		this.retryDelay = min(this.retryDelay.multipliedBy(2), MAX_RETRY);
		return delay;
	}

	/** What became of one send. */
	private enum Outcome {

		SENT, RETRY, KAFKA_UNREACHABLE

	}

	/**
	 * Sends one wave (at most one entry per agent) and stores what became of it.
	 * @return per entry: sent (or dropped), or failed and may succeed later (then the
	 * agent's later instructions must wait)
	 */
	private Map<OutboxEntry, Outcome> relay(List<OutboxEntry> wave) {
		Map<OutboxEntry, Outcome> outcomes = new LinkedHashMap<>();
		Map<OutboxEntry, Instruction> instructions = new LinkedHashMap<>();
		Map<OutboxEntry, String> dropped = new LinkedHashMap<>();
		this.readOnly.executeWithoutResult((status) -> {
			Map<OutboxEntry, Job> creates = wantedCreates(wave);
			// the runs' Kafka principals in one request for the wave, not one per CREATE
			this.sealer.grantRuns(creates.values());
			for (OutboxEntry entry : wave) {
				try {
					toInstruction(entry, creates.get(entry)).ifPresentOrElse(
							(instruction) -> instructions.put(entry, instruction), () -> dropped.put(entry, null));
				}
				catch (SecretSealer.NoAgentKeyException ex) {
					dropped.put(entry, ex.getMessage());
				}
			}
		});
		Map<OutboxEntry, CompletableFuture<Void>> sends = new LinkedHashMap<>();
		for (Map.Entry<OutboxEntry, Instruction> instruction : instructions.entrySet()) {
			CompletableFuture<Void> send = this.sender.sendAsync(instruction.getValue());
			sends.put(instruction.getKey(), send);
			if (send.isCompletedExceptionally() && unreachable(failure(send))) {
				break;
			}
		}
		List<OutboxEntry> sent = new ArrayList<>();
		Map<OutboxEntry, RuntimeException> refused = new LinkedHashMap<>();
		Map<OutboxEntry, RuntimeException> failed = new LinkedHashMap<>();
		for (Map.Entry<OutboxEntry, CompletableFuture<Void>> send : sends.entrySet()) {
			OutboxEntry entry = send.getKey();
			RuntimeException failure = failure(send.getValue());
			if (failure == null) {
				sent.add(entry);
				outcomes.put(entry, Outcome.SENT);
			}
			else if (failure instanceof InstructionRefusedException) {
				refused.put(entry, failure);
				outcomes.put(entry, Outcome.SENT);
			}
			else {
				failed.put(entry, failure);
				outcomes.put(entry, unreachable(failure) ? Outcome.KAFKA_UNREACHABLE : Outcome.RETRY);
			}
		}
		for (OutboxEntry entry : wave) {
			if (dropped.containsKey(entry)) {
				outcomes.put(entry, Outcome.SENT);
			}
			else {
				// not handed over because Kafka did not answer: tried again next round
				outcomes.putIfAbsent(entry, Outcome.RETRY);
			}
		}
		store(sent, dropped, refused, failed);
		return outcomes;
	}

	/** Stores the outcome of one wave in one transaction. */
	private void store(List<OutboxEntry> sent, Map<OutboxEntry, String> dropped,
			Map<OutboxEntry, RuntimeException> refused, Map<OutboxEntry, RuntimeException> failed) {
		dropped.forEach((entry, noKey) -> {
			if (noKey != null) {
				log.error("Dropping {}: {}", entry, noKey);
			}
			else {
				log.info("Dropping {}: the job has moved on since", entry);
			}
		});
		refused.forEach((entry, ex) -> {
			this.failures.increment();
			log.error("Dropping {}: Kafka refuses it for good: {}", entry, ex.getMessage());
		});
		failed.forEach((entry, ex) -> {
			this.failures.increment();
			if (entry.getAttempts() == 0) {
				log.warn("Could not send {}, will retry: {}", entry, ex.getMessage());
			}
			else {
				log.debug("Could not send {} (attempt {}): {}", entry, entry.getAttempts() + 1, ex.getMessage());
			}
		});
		List<Long> done = new ArrayList<>();
		sent.forEach((entry) -> done.add(entry.getSeq()));
		dropped.keySet().forEach((entry) -> done.add(entry.getSeq()));
		refused.keySet().forEach((entry) -> done.add(entry.getSeq()));
		if (!done.isEmpty() || !failed.isEmpty()) {
			this.transactions.executeWithoutResult((status) -> {
				if (!done.isEmpty()) {
					this.entries.deleteAllByIdInBatch(done);
				}
				dropped.forEach((entry, noKey) -> {
					if (noKey != null) {
						failJob(entry, noKey);
					}
				});
				refused.forEach((entry, ex) -> {
					if (entry.getOperation() == Instruction.Operation.CREATE) {
						failJob(entry, "the start instruction could not be sent: " + ex.getMessage());
					}
				});
				failed.forEach((entry, ex) -> this.entries.findById(entry.getSeq()).ifPresent((row) -> {
					row.failed(ex.getMessage());
					this.entries.save(row);
				}));
			});
		}
		for (OutboxEntry entry : sent) {
			((entry.getOperation() == Instruction.Operation.CREATE) ? this.sentCreates : this.sentDeletes).increment();
			if (entry.getAttempts() > 0) {
				log.info("Sent {} after {} failed attempts", entry, entry.getAttempts());
			}
			else {
				log.debug("Sent {}", entry);
			}
		}
	}

	/** Waits for a send; its failure, {@code null} if the broker acknowledged it. */
	private static RuntimeException failure(CompletableFuture<Void> send) {
		try {
			send.join();
			return null;
		}
		catch (CompletionException | CancellationException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			return (cause instanceof RuntimeException runtime) ? runtime : new IllegalStateException(cause);
		}
	}

	private static boolean unreachable(RuntimeException failure) {
		return failure instanceof InstructionNotSentException notSent && notSent.isKafkaUnreachable();
	}

	/**
	 * Fails the job of a CREATE that can never be sent, if that run still waits for it.
	 */
	private void failJob(OutboxEntry entry, String reason) {
		this.jobs.findById(entry.getJobId())
			.filter((job) -> job.getState() == JobState.DEPLOYING && job.getRunNumber() == entry.getRunNumber())
			.ifPresent((job) -> {
				job.fail(reason, this.clock.instant());
				this.jobs.save(job);
			});
	}

	/**
	 * The instruction of an entry, or empty if it is a CREATE that is no longer wanted.
	 * @param job the CREATE's job if it is still wanted, else {@code null}
	 */
	private Optional<Instruction> toInstruction(OutboxEntry entry, Job job) {
		if (entry.getOperation() == Instruction.Operation.DELETE) {
			return Optional.of(new Instruction(entry.getInstructionId(), Instruction.Operation.DELETE,
					entry.getAgentId(), entry.getJobId(), entry.getRunNumber(), entry.getCreatedAt(), null));
		}
		return Optional.ofNullable(job)
			.map((wanted) -> new Instruction(entry.getInstructionId(), Instruction.Operation.CREATE, entry.getAgentId(),
					wanted.getId(), wanted.getRunNumber(), entry.getCreatedAt(),
					deployment(wanted, this.clock.instant(), this.sealer.seal(wanted, entry.getAgentId()))));
	}

	/**
	 * The CREATEs of a wave whose runs still wait for their agent, with their jobs (one
	 * query for the wave).
	 */
	private Map<OutboxEntry, Job> wantedCreates(List<OutboxEntry> wave) {
		List<OutboxEntry> creates = wave.stream()
			.filter((entry) -> entry.getOperation() == Instruction.Operation.CREATE)
			.toList();
		Map<String, Job> jobs = new HashMap<>();
		this.jobs.findAllById(creates.stream().map(OutboxEntry::getJobId).toList())
			.forEach((job) -> jobs.put(job.getId(), job));
		Map<OutboxEntry, Job> wanted = new LinkedHashMap<>();
		for (OutboxEntry entry : creates) {
			Job job = jobs.get(entry.getJobId());
			if (job != null && job.getState() == JobState.DEPLOYING && job.getRunNumber() == entry.getRunNumber()
					&& entry.getAgentId().equals(job.getAgentId())) {
				wanted.put(entry, job);
			}
		}
		return wanted;
	}

	/**
	 * What the agent needs to start the run. The agent holds the run to its duration
	 * itself (counted from its start of the run), so a run that takes over from an
	 * earlier one (replaced, or resumed elsewhere) gets only what is left of the job's
	 * duration.
	 */
	static Instruction.Deployment deployment(Job job, Instant now) {
		return deployment(job, now, Map.of());
	}

	/**
	 * @param sealedEnv the job's secret values sealed for the agent
	 */
	static Instruction.Deployment deployment(Job job, Instant now, Map<String, byte[]> sealedEnv) {
		long duration = job.getDurationSeconds();
		if (job.getRun().getStartedAt() != null) {
			long elapsed = Math.max(0, Duration.between(job.getRun().getStartedAt(), now).toSeconds());
			duration = Math.max(1, duration - elapsed);
		}
		return new Instruction.Deployment(job.getRunImage(), job.getCommand(), job.getTopic(), job.getContainers(),
				job.getCpuLimit(), job.getMemoryLimitMb() * MIB, job.getRunEnv(), job.getOwner(), duration,
				job.getTargetRate(), job.getMaxRecords(), job.getRestart(), sealedEnv);
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	@Override
	public void start() {
		this.loop.start();
	}

	@Override
	public void stop() {
		this.loop.stop(Duration.ofSeconds(10));
	}

	@Override
	public boolean isRunning() {
		return this.loop.isRunning();
	}

}
