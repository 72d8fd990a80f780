package dev.dcf.agent.it;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.dcf.schemes.avro.JobInstruction;
import dev.dcf.schemes.avro.JobStatus;
import dev.dcf.schemes.avro.JobStatusKind;
import dev.dcf.schemes.avro.StartFailure;
import dev.dcf.testsupport.DockerInspector;
import dev.dcf.testsupport.RequiresDocker;
import dev.dcf.testsupport.TestImages;
import dev.dcf.testsupport.TestTopics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Instructions that reach the agent together (one poll) on the real daemon: CREATEs of
 * different jobs run side by side, and what the sequential agent guaranteed still holds
 * (capacity, dead letters, every instruction answered).
 */
@RequiresDocker
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SideBySideIT {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final int CAPACITY = 3;

	private final String agentId = "it-side-" + UUID.randomUUID().toString().substring(0, 8);

	private final TestTopics topics = TestTopics.unique();

	private OneAgent fixture;

	private DockerInspector docker;

	private Instructions instructions;

	private Collector<JobStatus> jobStatus;

	@BeforeAll
	void startAgent() {
		this.fixture = OneAgent.start(this.agentId, this.topics,
				Map.of("dcf.agent.max-containers", String.valueOf(CAPACITY), "dcf.agent.concurrent-instructions", "4"));
		this.docker = this.fixture.docker();
		this.instructions = this.fixture.instructions();
		this.jobStatus = this.fixture.jobStatus();
	}

	@AfterAll
	void stopAgent() {
		if (this.fixture != null) {
			this.fixture.close();
		}
	}

	@Test
	void createsArrivingTogetherNeverTakeMoreThanTheAgentsCapacity() {
		List<String> jobs = new ArrayList<>();
		List<Object> creates = new ArrayList<>();
		for (int i = 0; i < 2 * CAPACITY; i++) {
			String jobId = Instructions.newJobId();
			jobs.add(jobId);
			creates.add(Instructions.create(this.agentId, jobId, 1, TestImages.SLEEPER, 1, Map.of()));
		}
		this.instructions.sendTogether(this.agentId, creates);

		List<JobStatus> answers = jobs.stream().map(this::awaitAnswer).toList();
		List<String> started = answers.stream()
			.filter((answer) -> answer.getKind() == JobStatusKind.STARTED)
			.map(JobStatus::getJobId)
			.toList();
		assertThat(started).hasSize(CAPACITY);
		assertThat(answers).filteredOn((answer) -> answer.getKind() == JobStatusKind.START_FAILED)
			.hasSize(CAPACITY)
			.allSatisfy((refused) -> assertThat(refused.getFailure()).isEqualTo(StartFailure.NO_CAPACITY));
		assertThat(this.docker.withLabel("dcf.agent-id", this.agentId)).hasSize(CAPACITY)
			.allSatisfy((container) -> assertThat(container.getState()).isEqualTo("running"));

		removeAll(started);
	}

	@Test
	void aPoisonRecordAmongCreatesGoesToTheDeadLetterTopicAndTheCreatesAroundItAreCarriedOut() {
		byte[] poison = new byte[48];
		new Random().nextBytes(poison);
		poison[0] = 9;
		String before = Instructions.newJobId();
		String after = Instructions.newJobId();
		try (Collector<byte[]> deadLetters = new Collector<>(this.topics.deadLetters(), new ByteArrayDeserializer())) {
			this.instructions.sendTogether(this.agentId,
					List.of(Instructions.create(this.agentId, before, 1, TestImages.SLEEPER, 1, Map.of()), poison,
							Instructions.create(this.agentId, after, 1, TestImages.SLEEPER, 1, Map.of())));
			assertThat(awaitAnswer(before).getKind()).isEqualTo(JobStatusKind.STARTED);
			assertThat(awaitAnswer(after).getKind()).isEqualTo(JobStatusKind.STARTED);
			deadLetters.await((value) -> Arrays.equals(value, poison), WAIT);
		}
		removeAll(List.of(before, after));
	}

	@Test
	void anInstructionThatCannotBeReadIsDeadLetteredAloneAndTheOthersOfItsPollAreCarriedOut() {
		String before = Instructions.newJobId();
		String unreadable = Instructions.newJobId();
		String after = Instructions.newJobId();
		JobInstruction sealedForAnother = Instructions.create(this.agentId, unreadable, 1, TestImages.SLEEPER, 1,
				Map.of());
		// a value sealed with a key this agent does not hold cannot be opened
		sealedForAnother.setSealedEnv(Map.of("SECRET", ByteBuffer.wrap(new byte[256])));
		try (Collector<byte[]> deadLetters = new Collector<>(this.topics.deadLetters(), new ByteArrayDeserializer())) {
			this.instructions.sendTogether(this.agentId,
					List.of(Instructions.create(this.agentId, before, 1, TestImages.SLEEPER, 1, Map.of()),
							sealedForAnother,
							Instructions.create(this.agentId, after, 1, TestImages.SLEEPER, 1, Map.of())));
			assertThat(awaitAnswer(before).getKind()).isEqualTo(JobStatusKind.STARTED);
			assertThat(awaitAnswer(after).getKind()).isEqualTo(JobStatusKind.STARTED);
			// the instruction itself, re-encoded, after its two retries
			deadLetters.await((value) -> new String(value, StandardCharsets.UTF_8).contains(unreadable), WAIT);
		}
		assertThat(this.jobStatus.all((status) -> status.getJobId().equals(unreadable))).isEmpty();
		removeAll(List.of(before, after));
	}

	/** DELETEs sent together run one after the other; each is answered. */
	private void removeAll(List<String> jobs) {
		this.instructions.sendTogether(this.agentId,
				jobs.stream().map((jobId) -> (Object) Instructions.delete(this.agentId, jobId, 1)).toList());
		for (String jobId : jobs) {
			this.jobStatus.await((s) -> s.getJobId().equals(jobId) && s.getKind() == JobStatusKind.REMOVED, WAIT);
		}
		await().atMost(WAIT).until(() -> this.docker.withLabel("dcf.agent-id", this.agentId).isEmpty());
	}

	private JobStatus awaitAnswer(String jobId) {
		return this.jobStatus.await((s) -> s.getJobId().equals(jobId)
				&& (s.getKind() == JobStatusKind.STARTED || s.getKind() == JobStatusKind.START_FAILED), WAIT);
	}

}
