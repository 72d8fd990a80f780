package dev.dcf.handler.job;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the timeline says about a job's topic, and when a run truncates it.
 */
class TopicPreparationTests {

	private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

	private static final TopicSpec THREE = new TopicSpec("data", 3, null, null, false);

	@Test
	void aCreatedTopicIsNotedWithItsPartitions() {
		assertThat(TopicPreparation.notes(THREE, new TopicPreparation.Ready(true, 3, null)))
			.containsExactly("topic data created with 3 partitions");
	}

	@Test
	void anExistingTopicWithFewerPartitionsIsAWarningThatSaysItIsNotChanged() {
		assertThat(TopicPreparation.notes(THREE, new TopicPreparation.Ready(false, 1, null))).singleElement()
			.asString()
			.startsWith("warning: topic data exists with 1 partitions, fewer than the 3 the job asks for")
			.contains("does not change");
	}

	@Test
	void anExistingTopicWithAsManyOrMorePartitionsIsFineAndNotNoted() {
		assertThat(TopicPreparation.notes(THREE, new TopicPreparation.Ready(false, 3, null))).isEmpty();
		assertThat(TopicPreparation.notes(THREE, new TopicPreparation.Ready(false, 12, null))).isEmpty();
	}

	@Test
	void aTruncationIsNotedWithTheRecordsDeleted() {
		TopicSpec truncating = new TopicSpec("data", 3, null, null, true);

		assertThat(TopicPreparation.notes(truncating, new TopicPreparation.Ready(false, 3, 42L)))
			.containsExactly("topic data truncated before the run (cleanup truncate-before-run): 42 records deleted");
	}

	@Test
	void aFreshStartTruncatesButAReplacementRunOfTheSameStartDoesNot() {
		Job job = TestJobs.job(TestJobs.request().topicCleanup("truncate-before-run").partitions(6).build(), "alice",
				T0);
		job.start("started by alice", T0);

		assertThat(job.needsTopicPreparation()).isTrue();
		assertThat(job.topicSpec()).isEqualTo(new TopicSpec("sample-data", 6, null, null, true));

		job.topicPrepared(List.of("topic sample-data truncated"), T0);
		assertThat(job.needsTopicPreparation()).isFalse();
		job.assignTo("a1", T0);
		job.markRunning(T0);
		job.markLost("agent a1 is LOST", T0.plusSeconds(30));
		job.replace("agent a1 is LOST", T0.plusSeconds(30));

		assertThat(job.needsTopicPreparation()).isTrue();
		assertThat(job.topicSpec().truncate()).isFalse();

		job.requestStop("stopped by alice", T0.plusSeconds(40));
		job.complete("stopped", T0.plusSeconds(41));
		job.start("started by alice", T0.plusSeconds(50));

		assertThat(job.getRunNumber()).isEqualTo(3);
		assertThat(job.topicSpec().truncate()).isTrue();
	}

	@Test
	void keepAndDeleteWithJobNeverTruncate() {
		for (String policy : List.of("keep", "delete-with-job")) {
			Job job = TestJobs.job(TestJobs.request().topicCleanup(policy).build(), "alice", T0);
			job.start("started by alice", T0);
			assertThat(job.topicSpec().truncate()).as(policy).isFalse();
		}
	}

	@Test
	void aRunThatWentBackToPlacementIsNotPreparedAgain() {
		Job job = TestJobs.job(TestJobs.request().build(), "alice", T0);
		job.start("started by alice", T0);
		job.topicPrepared(List.of(), T0);
		job.assignTo("a1", T0);

		job.returnToPlacement("a1", "full", T0.plusSeconds(1));

		assertThat(job.needsTopicPreparation()).isFalse();
	}

}
