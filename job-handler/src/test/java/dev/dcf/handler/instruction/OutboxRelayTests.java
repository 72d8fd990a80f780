package dev.dcf.handler.instruction;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.dcf.handler.agent.AgentRepository;
import dev.dcf.handler.agent.AgentService;
import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobEvent;
import dev.dcf.handler.job.JobRepository;
import dev.dcf.handler.job.JobRequest;
import dev.dcf.handler.job.JobState;
import dev.dcf.handler.job.TestJobs;
import dev.dcf.handler.job.TopicsAlwaysThere;
import dev.dcf.handler.placement.PlacementProperties;
import dev.dcf.handler.placement.PlacementService;
import dev.dcf.handler.secret.SecretCipher;
import dev.dcf.handler.system.Leadership;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The outbox on the real database (H2, Flyway): job changes queue their instructions in
 * their own transaction, and the relay sends them in order per agent, keeps what failed
 * without holding back other agents, drops a CREATE whose job has moved on, and fails the
 * job of a CREATE Kafka refuses for good. The sender is a recording stand-in for Kafka;
 * the Kafka side is covered end to end.
 */
@DataJpaTest(showSql = false)
@Import({ InstructionPolicy.class, InstructionOutbox.class })
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class OutboxRelayTests {

	private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

	@Autowired
	JobRepository jobs;

	@Autowired
	OutboxRepository entries;

	@Autowired
	AgentRepository agents;

	@Autowired
	PlatformTransactionManager transactionManager;

	private final RecordingSender sender = new RecordingSender();

	private OutboxRelay relay;

	private TransactionTemplate transactions;

	@BeforeEach
	void relay() {
		this.entries.deleteAll();
		this.transactions = new TransactionTemplate(this.transactionManager);
		this.relay = new OutboxRelay(this.entries, this.jobs, this.sender, sealer(), this.transactionManager,
				new SimpleMeterRegistry(), Clock.fixed(T0.plusSeconds(10), ZoneOffset.UTC), Leadership.ALWAYS);
	}

	@Test
	void aPlacedJobGetsItsCreateWithTheJobsSettingsAndAStoppedOneItsDelete() {
		Job job = placed(TestJobs.request()
			.containers(3)
			.memoryLimitMb(128)
			.cpuLimit(0.5)
			.command(List.of("--rate", "5"))
			.env(Map.of("RATE", "5"))
			.build());

		assertThat(this.relay.drain()).isNull();
		change(job.getId(), (found) -> found.requestStop("stopped by alice", T0.plusSeconds(5)));
		assertThat(this.relay.drain()).isNull();

		assertThat(this.sender.sent).extracting(Instruction::operation)
			.containsExactly(Instruction.Operation.CREATE, Instruction.Operation.DELETE);
		Instruction create = this.sender.sent.get(0);
		assertThat(create.agentId()).isEqualTo("a1");
		assertThat(create.jobId()).isEqualTo(job.getId());
		assertThat(create.runNumber()).isEqualTo(1);
		assertThat(create.issuedAt()).isEqualTo(T0.plusSeconds(2));
		assertThat(create.deployment()).isEqualTo(new Instruction.Deployment("dcf/sample-generator:latest",
				List.of("--rate", "5"), "sample-data", 3, 0.5, 128L * 1024 * 1024, Map.of("RATE", "5"), "alice", 60));
		assertThat(this.sender.sent.get(1).deployment()).isNull();
		assertThat(this.sender.sent).extracting(Instruction::instructionId).doesNotHaveDuplicates();
		assertThat(this.entries.count()).isZero();
	}

	@Test
	void aJobWhoseAgentNeverAnswersFailsAfterTheDeployTimeoutAndTheAgentGetsADelete() {
		// the other tests leave deploying jobs behind
		this.jobs.deleteAll();
		Job job = placed(TestJobs.request().build());
		Job answered = placed(TestJobs.request().build());
		change(answered.getId(), (found) -> found.markRunning(T0.plusSeconds(3)));
		PlacementService placement = new PlacementService(this.jobs, this.agents, this.transactionManager,
				new PlacementProperties(Duration.ofMinutes(2), Duration.ofSeconds(2), Duration.ofMinutes(2)),
				new TopicsAlwaysThere());

		// placed at T0 + 2 s
		assertThat(placement.failOverdueDeployments(T0.plusSeconds(121))).isZero();
		assertThat(placement.failOverdueDeployments(T0.plusSeconds(122))).isEqualTo(1);
		assertThat(placement.failOverdueDeployments(T0.plusSeconds(200))).isZero();

		Job failed = this.jobs.findById(job.getId()).orElseThrow();
		assertThat(failed.getState()).isEqualTo(JobState.FAILED);
		assertThat(failed.getStateReason()).isEqualTo("agent a1 did not answer the start instruction within 2m");
		assertThat(failed.getRun().getFinishedAt()).isEqualTo(T0.plusSeconds(122));
		assertThat(this.jobs.findById(answered.getId()).orElseThrow().getState()).isEqualTo(JobState.RUNNING);
		// the CREATEs are dropped (their jobs moved on before the relay
		// ran); the DELETE goes
		assertThat(this.relay.drain()).isNull();
		assertThat(this.sender.sent).extracting(Instruction::operation, Instruction::agentId, Instruction::jobId)
			.containsExactly(tuple(Instruction.Operation.DELETE, "a1", job.getId()));
	}

	@Test
	void aJobWhoseAgentReportsPullProgressFailsOnlyTheDeployTimeoutAfterItsLastReport() {
		this.jobs.deleteAll();
		Job pulling = placed(TestJobs.request().build());
		// placed at T0 + 2 s; the agent reports progress until T0 + 100 s
		change(pulling.getId(), (found) -> found.deployProgress("agent a1 is pulling image x", T0.plusSeconds(3)));
		change(pulling.getId(), (found) -> found.deployProgress("agent a1 is pulling image x", T0.plusSeconds(100)));
		PlacementService placement = new PlacementService(this.jobs, this.agents, this.transactionManager,
				new PlacementProperties(Duration.ofMinutes(2), Duration.ofSeconds(2), Duration.ofMinutes(2)),
				new TopicsAlwaysThere());

		assertThat(placement.failOverdueDeployments(T0.plusSeconds(122))).isZero();
		assertThat(this.jobs.findById(pulling.getId()).orElseThrow().getRun().getDeployProgressAt())
			.isEqualTo(T0.plusSeconds(100));
		assertThat(placement.failOverdueDeployments(T0.plusSeconds(220))).isEqualTo(1);

		Job failed = this.jobs.findById(pulling.getId()).orElseThrow();
		assertThat(failed.getState()).isEqualTo(JobState.FAILED);
		assertThat(failed.getStateReason())
			.isEqualTo("agent a1 did not answer the start instruction within 2m of its last pull progress report");
		List<String> timeline = this.transactions.execute((status) -> this.jobs.findById(pulling.getId())
			.orElseThrow()
			.getEvents()
			.stream()
			.map(JobEvent::reason)
			.toList());
		assertThat(timeline).containsOnlyOnce("agent a1 is pulling image x");
	}

	@Test
	void aFailedSendKeepsItsInstructionAndNothingOvertakesIt() {
		Job first = placed(TestJobs.request().build());
		Job second = placed(TestJobs.request().build());
		this.sender.failures = 1;

		Duration retry = this.relay.drain();

		assertThat(retry).isEqualTo(OutboxRelay.FIRST_RETRY);
		assertThat(this.sender.sent).isEmpty();
		List<OutboxEntry> waiting = this.entries.findTop50ByOrderBySeqAsc();
		assertThat(waiting).extracting(OutboxEntry::getJobId).containsExactly(first.getId(), second.getId());
		assertThat(waiting).extracting(OutboxEntry::getAttempts).containsExactly(1, 0);
		assertThat(waiting.get(0).getLastError()).isEqualTo("broker away");

		assertThat(this.relay.drain()).isNull();

		assertThat(this.sender.sent).extracting(Instruction::jobId).containsExactly(first.getId(), second.getId());
		assertThat(this.entries.count()).isZero();
	}

	@Test
	void aCreateWhoseJobWasStoppedBeforeItWentOutIsDroppedAndTheDeleteSent() {
		Job job = placed(TestJobs.request().build());
		change(job.getId(), (found) -> found.requestStop("stopped by alice", T0.plusSeconds(5)));

		assertThat(this.relay.drain()).isNull();

		assertThat(this.sender.sent).extracting(Instruction::operation, Instruction::jobId)
			.containsExactly(tuple(Instruction.Operation.DELETE, job.getId()));
		assertThat(this.entries.count()).isZero();
	}

	@Test
	void failedSendsAreRetriedAfterGrowingPauses() {
		placed(TestJobs.request().build());
		this.sender.failures = 3;

		assertThat(this.relay.drain()).isEqualTo(Duration.ofMillis(500));
		assertThat(this.relay.drain()).isEqualTo(Duration.ofMillis(1000));
		assertThat(this.relay.drain()).isEqualTo(Duration.ofMillis(2000));
		assertThat(this.relay.drain()).isNull();
		assertThat(this.sender.sent).hasSize(1);
	}

	@Test
	void aRunThatReplacesALostOneGetsWhatIsLeftOfTheJobsDuration() {
		Job job = this.transactions.execute((status) -> {
			Job replaced = TestJobs.job(TestJobs.request().durationSeconds(60L).build(), "alice", T0);
			replaced.start("started by alice", T0);
			replaced.assignTo("a1", T0);
			replaced.markRunning(T0.plusSeconds(3));
			replaced.markLost("agent a1 stopped heartbeating", T0.plusSeconds(8));
			replaced.replace("agent a1 is LOST", T0.plusSeconds(8));
			replaced.assignTo("a2", T0.plusSeconds(9));
			return this.jobs.save(replaced);
		});

		assertThat(this.relay.drain()).isNull();

		// the relay's clock is T0 + 10 s: 7 of the 60 s have passed since
		// the first run started
		assertThat(this.sender.sent).filteredOn((sent) -> sent.jobId().equals(job.getId()))
			.extracting((sent) -> sent.deployment().durationSeconds())
			.containsExactly(53L);
	}

	@Test
	void aFailedSendHoldsBackOnlyTheLaterInstructionsOfTheSameAgent() {
		Job first = placed(TestJobs.request().build());
		Job second = placed(TestJobs.request().build());
		Job elsewhere = placed(TestJobs.request().build(), "a2");
		this.sender.failingAgent = "a1";

		assertThat(this.relay.drain()).isEqualTo(OutboxRelay.FIRST_RETRY);

		assertThat(this.sender.sent).extracting(Instruction::jobId).containsExactly(elsewhere.getId());
		assertThat(this.entries.findTop50ByOrderBySeqAsc()).extracting(OutboxEntry::getJobId)
			.containsExactly(first.getId(), second.getId());
		this.sender.failingAgent = null;
		assertThat(this.relay.drain()).isNull();
		assertThat(this.sender.sent).extracting(Instruction::jobId)
			.containsExactly(elsewhere.getId(), first.getId(), second.getId());
	}

	@Test
	void anInstructionKafkaRefusesForGoodIsDroppedAndOnlyItsJobFails() {
		Job tooLarge = placed(TestJobs.request().build());
		Job next = placed(TestJobs.request().build());
		this.sender.refuse = tooLarge.getId();

		assertThat(this.relay.drain()).isNull();

		Job failed = this.jobs.findById(tooLarge.getId()).orElseThrow();
		assertThat(failed.getState()).isEqualTo(JobState.FAILED);
		assertThat(failed.getStateReason())
			.isEqualTo("the start instruction could not be sent: larger than the broker takes");
		assertThat(this.jobs.findById(next.getId()).orElseThrow().getState()).isEqualTo(JobState.DEPLOYING);
		assertThat(this.sender.sent).extracting(Instruction::operation, Instruction::jobId)
			.containsExactly(tuple(Instruction.Operation.CREATE, next.getId()),
					tuple(Instruction.Operation.DELETE, tooLarge.getId()));
		assertThat(this.entries.count()).isZero();
	}

	@Test
	void aJobWithSecretValuesFailsOnAnAgentThatPublishedNoKeyAndNothingOfItIsSent() {
		Job secret = placed(TestJobs.request().env(Map.of("DB_PASSWORD", "hunter2")).build());
		Job plain = placed(TestJobs.request().build());

		this.relay.drain();

		Job failed = this.jobs.findById(secret.getId()).orElseThrow();
		assertThat(failed.getState()).isEqualTo(JobState.FAILED);
		assertThat(failed.getStateReason()).contains("agent a1 publishes no public key");
		assertThat(this.sender.sent).filteredOn((sent) -> sent.operation() == Instruction.Operation.CREATE)
			.extracting(Instruction::jobId)
			.containsExactly(plain.getId());
	}

	@Test
	void whenKafkaDoesNotAnswerTheRoundEndsAfterOneAttempt() {
		placed(TestJobs.request().build());
		placed(TestJobs.request().build(), "a2");
		placed(TestJobs.request().build(), "a3");
		this.sender.unreachable = true;

		assertThat(this.relay.drain()).isEqualTo(OutboxRelay.FIRST_RETRY);

		assertThat(this.sender.attempts).isEqualTo(1);
		assertThat(this.entries.count()).isEqualTo(3);
	}

	/**
	 * Seals for the agents of this test; run principals off (no authenticating broker).
	 */
	private SecretSealer sealer() {
		return new SecretSealer(new SecretCipher(new byte[32], List.of()), new AgentService(this.agents),
				new RunPrincipalService(new RunPrincipalProperties(false, "SASL_PLAINTEXT"), null, null, null,
						Runnable::run));
	}

	@Test
	void theOldestInstructionOfEveryAgentGoesOutAtOnceAndAnAgentsNextOnlyAfterItsAck() {
		Job first = placed(TestJobs.request().build());
		Job second = placed(TestJobs.request().build());
		Job onA2 = placed(TestJobs.request().build(), "a2");
		Job onA3 = placed(TestJobs.request().build(), "a3");
		PipeliningSender pipelining = new PipeliningSender();
		OutboxRelay batching = new OutboxRelay(this.entries, this.jobs, pipelining, sealer(), this.transactionManager,
				new SimpleMeterRegistry(), Clock.fixed(T0.plusSeconds(10), ZoneOffset.UTC), Leadership.ALWAYS);

		assertThat(batching.drain()).isNull();

		assertThat(pipelining.waves).containsExactly(List.of(first.getId(), onA2.getId(), onA3.getId()),
				List.of(second.getId()));
		assertThat(this.entries.count()).isZero();
	}

	private Job placed(JobRequest request) {
		return placed(request, "a1");
	}

	private Job placed(JobRequest request, String agentId) {
		return this.transactions.execute((status) -> {
			Job job = TestJobs.job(request, "alice", T0);
			job.start("started by alice", T0.plusSeconds(1));
			job.assignTo(agentId, T0.plusSeconds(2));
			return this.jobs.save(job);
		});
	}

	private void change(String jobId, Consumer<Job> change) {
		this.transactions.executeWithoutResult((status) -> {
			Job job = this.jobs.findById(jobId).orElseThrow();
			change.accept(job);
			this.jobs.save(job);
		});
	}

	/**
	 * Acknowledges nothing until the relay waits: each wave is the instructions handed
	 * over between two waits.
	 */
	static final class PipeliningSender implements InstructionSender {

		final List<List<String>> waves = new ArrayList<>();

		private final List<CompletableFuture<Void>> unacknowledged = new ArrayList<>();

		@Override
		public void send(Instruction instruction) {
			throw new UnsupportedOperationException();
		}

		@Override
		public CompletableFuture<Void> sendAsync(Instruction instruction) {
			if (this.unacknowledged.isEmpty()) {
				this.waves.add(new ArrayList<>());
			}
			this.waves.get(this.waves.size() - 1).add(instruction.jobId());
			CompletableFuture<Void> ack = new CompletableFuture<>() {

				@Override
				public Void join() {
					// the relay waits: the broker acknowledges the whole wave
					List.copyOf(PipeliningSender.this.unacknowledged).forEach((each) -> each.complete(null));
					PipeliningSender.this.unacknowledged.clear();
					return super.join();
				}

			};
			this.unacknowledged.add(ack);
			return ack;
		}

	}

	/**
	 * Records what it is given; fails the first {@code failures} sends, every send to
	 * {@code failingAgent}, refuses the CREATE of job {@code refuse} for good, and
	 * answers nothing when {@code unreachable}.
	 */
	static final class RecordingSender implements InstructionSender {

		final List<Instruction> sent = new CopyOnWriteArrayList<>();

		int failures;

		String failingAgent;

		String refuse;

		boolean unreachable;

		int attempts;

		@Override
		public void send(Instruction instruction) {
			this.attempts++;
			if (this.unreachable) {
				throw new InstructionNotSentException("no answer within 45 s", null, true);
			}
			if (instruction.agentId().equals(this.failingAgent)) {
				throw new InstructionNotSentException("partition leader away", null);
			}
			if (instruction.jobId().equals(this.refuse) && instruction.operation() == Instruction.Operation.CREATE) {
				throw new InstructionRefusedException("larger than the broker takes", null);
			}
			if (this.failures > 0) {
				this.failures--;
				throw new InstructionNotSentException("broker away", null);
			}
			this.sent.add(instruction);
		}

	}

}
