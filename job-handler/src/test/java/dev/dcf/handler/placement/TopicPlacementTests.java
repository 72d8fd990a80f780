package dev.dcf.handler.placement;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.dcf.handler.agent.AgentRepository;
import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobRepository;
import dev.dcf.handler.job.JobState;
import dev.dcf.handler.job.JobTopics;
import dev.dcf.handler.job.TestJobs;
import dev.dcf.handler.job.TopicPreparation;
import dev.dcf.handler.job.TopicSpec;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What placement does with the broker's answer about a job's topic (the broker itself is
 * in {@code ManagedTopicsIT}; here its answers are scripted): a refusal fails the job at
 * once, no answer makes it wait until the placement timeout and one silent broker is
 * asked once per round, as is a topic many jobs share.
 */
@DataJpaTest(showSql = false)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class TopicPlacementTests {

	private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

	@Autowired
	JobRepository jobs;

	@Autowired
	AgentRepository agents;

	@Autowired
	PlatformTransactionManager transactionManager;

	private final ScriptedTopics topics = new ScriptedTopics();

	private PlacementService placement;

	@BeforeEach
	void placement() {
		this.jobs.deleteAll();
		this.placement = new PlacementService(this.jobs, this.agents, this.transactionManager,
				new PlacementProperties(Duration.ofMinutes(2), Duration.ofSeconds(2), Duration.ofMinutes(2)),
				this.topics);
	}

	@Test
	void theBrokersRefusalFailsTheJobAtOnceWithItsReason() {
		this.topics.answer = new TopicPreparation.Refused("Authorization failed. (TopicAuthorizationException)");
		Job job = deploying();

		this.placement.placePendingJobs(T0.plusSeconds(2));

		Job failed = this.jobs.findById(job.getId()).orElseThrow();
		assertThat(failed.getState()).isEqualTo(JobState.FAILED);
		assertThat(failed.getStateReason())
			.isEqualTo("topic sample-data could not be prepared: Authorization failed. (TopicAuthorizationException)");
	}

	@Test
	void aBrokerThatDoesNotAnswerMakesJobsWaitIsAskedOncePerRoundAndFailsThemAtThePlacementTimeout() {
		this.topics.answer = new TopicPreparation.Unanswered("the broker did not answer within 5000 ms");
		Job first = deploying();
		Job second = deploying();

		this.placement.placePendingJobs(T0.plusSeconds(60));

		assertThat(this.topics.asked).hasSize(1);
		assertThat(this.jobs.findById(first.getId()).orElseThrow().getState()).isEqualTo(JobState.DEPLOYING);
		assertThat(this.jobs.findById(second.getId()).orElseThrow().getState()).isEqualTo(JobState.DEPLOYING);

		this.placement.placePendingJobs(T0.plusSeconds(121));

		for (Job job : List.of(first, second)) {
			Job failed = this.jobs.findById(job.getId()).orElseThrow();
			assertThat(failed.getState()).isEqualTo(JobState.FAILED);
			assertThat(failed.getStateReason())
				.isEqualTo("topic sample-data could not be prepared within the placement timeout of 2m: "
						+ "the broker did not answer within 5000 ms");
		}
	}

	@Test
	void aReadyTopicIsPreparedOncePerRunAndNotedInTheTimeline() {
		this.topics.answer = new TopicPreparation.Ready(false, 1, null);
		Job job = deploying();

		this.placement.placePendingJobs(T0.plusSeconds(2));
		this.placement.placePendingJobs(T0.plusSeconds(4));

		assertThat(this.topics.asked).hasSize(1);
		Job waiting = new TransactionTemplate(this.transactionManager)
			.execute((status) -> this.jobs.findById(job.getId()).orElseThrow());
		assertThat(waiting.getState()).isEqualTo(JobState.DEPLOYING);
		assertThat(waiting.getRun().isTopicPrepared()).isTrue();
	}

	@Test
	void jobsSharingATopicAskTheBrokerOncePerRoundAndEachIsPrepared() {
		this.topics.answer = new TopicPreparation.Ready(true, 1, null);
		List<Job> sharing = List.of(deploying(), deploying(), deploying());

		this.placement.placePendingJobs(T0.plusSeconds(2));

		assertThat(this.topics.asked).hasSize(1);
		TransactionTemplate transactions = new TransactionTemplate(this.transactionManager);
		for (Job job : sharing) {
			Boolean prepared = transactions
				.execute((status) -> this.jobs.findById(job.getId()).orElseThrow().getRun().isTopicPrepared());
			assertThat(prepared).isTrue();
		}
	}

	private Job deploying() {
		return new TransactionTemplate(this.transactionManager).execute((status) -> {
			Job job = TestJobs.job(TestJobs.request().build(), "alice", T0);
			job.start("started by alice", T0.plusSeconds(1));
			return this.jobs.save(job);
		});
	}

	private static final class ScriptedTopics implements JobTopics {

		private final List<TopicSpec> asked = new ArrayList<>();

		private TopicPreparation answer;

		@Override
		public TopicPreparation prepare(TopicSpec spec) {
			this.asked.add(spec);
			return this.answer;
		}

		@Override
		public String delete(String topic) {
			return null;
		}

	}

}
