package dev.dcf.handler.dryrun;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dcf.handler.instruction.Instruction;
import dev.dcf.handler.instruction.InstructionNotSentException;
import dev.dcf.handler.instruction.InstructionSender;
import dev.dcf.handler.instruction.SecretSealer;
import dev.dcf.handler.job.JobRequest;
import dev.dcf.handler.job.JobRequestValidator;
import dev.dcf.handler.job.JobTopics;
import dev.dcf.handler.job.TopicOffsets;
import dev.dcf.handler.job.TopicPreparation;
import dev.dcf.handler.job.TopicSpec;
import dev.dcf.handler.peek.PeekUnavailableException;
import dev.dcf.handler.peek.PeekedRecord;
import dev.dcf.handler.peek.RecordPeek;
import dev.dcf.handler.placement.AgentChoice;
import dev.dcf.handler.placement.PlacementService;

import org.springframework.stereotype.Service;

/**
 * Carries out dry runs: validates the request as a job's, picks the agent placement would
 * pick for one of its containers, creates a scratch topic of one partition, sends the
 * agent a DRY_RUN directly (not through the outbox: nothing is stored, and a dry run
 * nobody waits for any more is worth nothing) and waits for its DRY_RUN_DONE; then counts
 * and decodes what was written and deletes the topic, whatever happened.
 *
 * <p>
 * Bounded: the whole takes at most {@code dcf.handler.dry-run-timeout} (plus the reading
 * of the topic, itself bounded), and at most {@code dcf.handler.dry-run-concurrency} run
 * at once. A request thread waits for its dry run; answers arrive on the status listener
 * ({@link #reported}) and are matched by instruction id: one for a dry run this handler
 * does not wait for is ignored. Thread-safe.
 */
@Service
public class DryRunService {

	private static final Logger log = LoggerFactory.getLogger(DryRunService.class);

	/** How many of the written records the answer decodes. */
	public static final int SAMPLE = 5;

	/** Kept from the timeout for reading and deleting the topic after the answer. */
	static final Duration READING = Duration.ofMillis(1500);

	/** A scratch topic that could not be deleted goes with the broker's retention. */
	static final int SCRATCH_RETENTION_HOURS = 1;

	private static final long MIB = 1024L * 1024L;

	private final JobRequestValidator validator;

	private final PlacementService placement;

	private final JobTopics topics;

	private final TopicOffsets offsets;

	private final RecordPeek peek;

	private final InstructionSender sender;

	private final Clock clock;

	private final Duration timeout;

	private final Semaphore slots;

	private final Map<String, CompletableFuture<DryRunReport>> waiting = new ConcurrentHashMap<>();

	private final SecretSealer sealer;

	DryRunService(JobRequestValidator validator, PlacementService placement, JobTopics topics, TopicOffsets offsets,
			RecordPeek peek, InstructionSender sender, DryRunProperties properties, Clock clock, SecretSealer sealer) {
		this.sealer = sealer;
		this.validator = validator;
		this.placement = placement;
		this.topics = topics;
		this.offsets = offsets;
		this.peek = peek;
		this.sender = sender;
		this.clock = clock;
		this.timeout = properties.dryRunTimeout();
		this.slots = new Semaphore(properties.dryRunConcurrency());
	}

	/**
	 * Tries a job request.
	 * @param request the request, not yet validated; its name, schedule and topic
	 * settings are checked but not used
	 * @param owner who asks (passed to the agent as the owner)
	 * @return what happened; a dry run that did not start is an answer too
	 * @throws dev.dcf.handler.job.InvalidJobRequestException if the request is invalid
	 * @throws DryRunUnavailableException if no agent can take it or too many run now
	 */
	public DryRunResult run(JobRequest request, String owner) {
		this.validator.require(request);
		request = this.validator.withDefaults(request);
		if (!this.slots.tryAcquire()) {
			throw new DryRunUnavailableException("too many dry runs at once, try again in a few seconds");
		}
		try {
			return runValid(request, owner);
		}
		finally {
			this.slots.release();
		}
	}

	/**
	 * Hands an agent's answer to the dry run waiting for it.
	 * @param report the answer
	 */
	public void reported(DryRunReport report) {
		CompletableFuture<DryRunReport> answer = (report.instructionId() != null)
				? this.waiting.get(report.instructionId()) : null;
		if (answer == null) {
			log.debug("Ignoring the answer of agent {} to dry run {}: nobody waits for it (any more)", report.agentId(),
					report.dryRunId());
			return;
		}
		answer.complete(report);
	}

	private DryRunResult runValid(JobRequest request, String owner) {
		Instant begun = this.clock.instant();
		Instant deadline = begun.plus(this.timeout);
		long memoryBytes = request.memoryLimitMb() * MIB;
		AgentChoice choice = this.placement
			.chooseForOneContainer((request.agentLabels() != null) ? request.agentLabels() : Map.of(), memoryBytes);
		if (!choice.chosen()) {
			throw new DryRunUnavailableException(choice.reason());
		}
		String id = DryRunIds.next();
		String topic = DryRunIds.topic(id);
		Attempt attempt = new Attempt(id, choice.agentId(), topic, begun);
		TopicPreparation preparation = this.topics
			.prepare(new TopicSpec(topic, 1, null, SCRATCH_RETENTION_HOURS, false));
		if (!(preparation instanceof TopicPreparation.Ready)) {
			String why = (preparation instanceof TopicPreparation.Refused refused) ? refused.reason()
					: ((TopicPreparation.Unanswered) preparation).reason();
			return attempt.notStarted("TOPIC_UNAVAILABLE", "the scratch topic could not be created: " + why,
					deleteTopic(topic));
		}
		try {
			DryRunReport report = ask(attempt, request, owner, memoryBytes, deadline);
			if (report == null) {
				return attempt.notStarted("NO_ANSWER",
						"no answer from agent " + choice.agentId() + " within " + this.timeout.toSeconds() + " s",
						deleteTopic(topic));
			}
			if (!report.started()) {
				return attempt.notStarted(report.failure(), report.reason(), deleteTopic(topic));
			}
			OptionalLong written = this.offsets.endOffsetSum(topic);
			List<DryRunRecord> records = sample(topic, written);
			return attempt.ran(report, written.isPresent() ? written.getAsLong() : null, records, deleteTopic(topic));
		}
		catch (SecretSealer.NoAgentKeyException ex) {
			return attempt.notStarted("NOT_SENT", ex.getMessage(), deleteTopic(topic));
		}
		catch (InstructionNotSentException ex) {
			return attempt.notStarted("NOT_SENT",
					"the dry run could not be sent to agent " + choice.agentId() + ": " + ex.getMessage(),
					deleteTopic(topic));
		}
	}

	/**
	 * Sends the DRY_RUN and waits for its answer until the deadline (less the time kept
	 * for reading).
	 * @return the answer, {@code null} if none came in time
	 */
	private DryRunReport ask(Attempt attempt, JobRequest request, String owner, long memoryBytes, Instant deadline) {
		String instructionId = UUID.randomUUID().toString();
		CompletableFuture<DryRunReport> answer = new CompletableFuture<>();
		this.waiting.put(instructionId, answer);
		try {
			// secret values travel sealed for the agent, as a job's do (docs/security.md)
			Map<String, String> env = new LinkedHashMap<>(request.runEnv());
			Map<String, String> secret = new LinkedHashMap<>();
			request.secretNames().forEach((name) -> secret.put(name, env.remove(name)));
			Instruction.Deployment deployment = new Instruction.Deployment(request.image(),
					Objects.requireNonNullElse(request.command(), List.of()), attempt.topic(), 1, request.cpuLimit(),
					memoryBytes, env, owner, 0, null, null, null,
					this.sealer.sealDryRun(attempt.id(), secret, attempt.agentId(), attempt.topic()));
			this.sender.send(new Instruction(instructionId, Instruction.Operation.DRY_RUN, attempt.agentId(),
					attempt.id(), 0, this.clock.instant(), deployment));
			log.info("Dry run {} of {} sent to agent {}", attempt.id(), request.image(), attempt.agentId());
			Duration wait = Duration.between(this.clock.instant(), deadline.minus(READING));
			return answer.get(Math.max(0, wait.toMillis()), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			log.warn("Dry run {}: no answer from agent {} in time", attempt.id(), attempt.agentId());
			return null;
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("answers are only ever completed normally", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
		finally {
			this.waiting.remove(instructionId);
			// answered or given up: its container writes no more that matters
			this.sealer.dryRunEnded(attempt.id());
		}
	}

	private List<DryRunRecord> sample(String topic, OptionalLong written) {
		if (written.isPresent() && written.getAsLong() == 0) {
			return List.of();
		}
		try {
			return this.peek.earliest(topic, SAMPLE).stream().map(DryRunService::record).toList();
		}
		catch (PeekUnavailableException ex) {
			log.warn("Cannot read the records of dry-run topic {}: {}", topic, ex.getMessage());
			return List.of();
		}
	}

	private static DryRunRecord record(PeekedRecord peeked) {
		return new DryRunRecord(peeked.partition(), peeked.offset(), peeked.timestamp(), peeked.value().format().name(),
				peeked.key().text(), peeked.value().text(), peeked.value().note());
	}

	/**
	 * @return whether the topic is gone
	 */
	private boolean deleteTopic(String topic) {
		String problem = this.topics.delete(topic);
		if (problem != null) {
			log.warn("Dry-run topic {} not deleted (its retention of {} h removes its records): {}", topic,
					SCRATCH_RETENTION_HOURS, problem);
		}
		return problem == null;
	}

	/** One dry run under way: builds its answer. */
	private final class Attempt {

		private final String id;

		private final String agentId;

		private final String topic;

		private final Instant begun;

		Attempt(String id, String agentId, String topic, Instant begun) {
			this.id = id;
			this.agentId = agentId;
			this.topic = topic;
			this.begun = begun;
		}

		String id() {
			return this.id;
		}

		String agentId() {
			return this.agentId;
		}

		String topic() {
			return this.topic;
		}

		DryRunResult notStarted(String failure, String reason, boolean topicDeleted) {
			return new DryRunResult(this.id, this.agentId, false, null, failure, reason, null, null, List.of(),
					List.of(), elapsed(), this.topic, topicDeleted);
		}

		DryRunResult ran(DryRunReport report, Long written, List<DryRunRecord> records, boolean topicDeleted) {
			return new DryRunResult(this.id, this.agentId, true, report.exitCode(), null, report.reason(), written,
					DryRunResults.rate(written, report.startedAt(), report.finishedAt()), records,
					DryRunResults.lines(report.output()), elapsed(), this.topic, topicDeleted);
		}

		private long elapsed() {
			return Duration.between(this.begun, DryRunService.this.clock.instant()).toMillis();
		}

	}

}
