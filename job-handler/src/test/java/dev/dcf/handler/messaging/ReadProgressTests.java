package dev.dcf.handler.messaging;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReadProgressTests {

	private static final long SECOND = Duration.ofSeconds(1).toNanos();

	private static final TopicPartition P0 = new TopicPartition("dcf.agent-status", 0);

	private static final TopicPartition P1 = new TopicPartition("dcf.agent-status", 1);

	private final ReadProgress progress = new ReadProgress(Duration.ofSeconds(10));

	@Test
	void aPartitionWhoseWaitingRecordsNobodyAppliesForLongerThanTheLimitIsStalled() {
		assertThat(this.progress.stalled(Map.of(P0, 12L), Map.of(P0, 10L), 0)).isEmpty();
		assertThat(this.progress.stalled(Map.of(P0, 13L), Map.of(P0, 10L), 10 * SECOND)).isEmpty();

		assertThat(this.progress.stalled(Map.of(P0, 14L), Map.of(P0, 10L), 11 * SECOND))
			.containsExactly("0 (4 waiting, none applied for 11 s)");
	}

	@Test
	void aPartitionThatIsReadIsNeverStalledHoweverLongRecordsKeepArriving() {
		for (long second = 0; second < 60; second++) {
			// a record arrives every second and is applied a moment later
			assertThat(this.progress.stalled(Map.of(P0, second + 1), Map.of(P0, second), second * SECOND)).isEmpty();
		}
	}

	@Test
	void aPartitionWithNothingWaitingIsNotStalledAndStartsAfreshWhenRecordsArrive() {
		this.progress.stalled(Map.of(P0, 12L), Map.of(P0, 10L), 0);
		assertThat(this.progress.stalled(Map.of(P0, 12L), Map.of(P0, 12L), 5 * SECOND)).isEmpty();

		assertThat(this.progress.stalled(Map.of(P0, 13L), Map.of(P0, 12L), 12 * SECOND)).isEmpty();
		assertThat(this.progress.stalled(Map.of(P0, 13L), Map.of(P0, 12L), 21 * SECOND)).isEmpty();
		assertThat(this.progress.stalled(Map.of(P0, 13L), Map.of(P0, 12L), 23 * SECOND)).hasSize(1);
	}

	@Test
	void onlyTheStalledPartitionIsNamed() {
		this.progress.stalled(Map.of(P0, 5L, P1, 5L), Map.of(P0, 4L), 0);

		assertThat(this.progress.stalled(Map.of(P0, 6L, P1, 6L), Map.of(P0, 5L), 11 * SECOND))
			.containsExactly("1 (6 waiting, none applied for 11 s)");
	}

}
