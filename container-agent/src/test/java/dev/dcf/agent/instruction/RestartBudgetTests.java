package dev.dcf.agent.instruction;

import java.time.Duration;
import java.time.Instant;

import dev.dcf.agent.report.JobReport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RestartBudgetTests {

	private static final Instant T0 = Instant.parse("2026-02-01T10:00:00Z");

	@Test
	void aContainerIsRestartedAtMostAttemptsTimesWithinTheInterval() {
		RestartBudget budget = new RestartBudget(policy(3, Duration.ofMinutes(10), 1, 60));
		assertThat(budget.next(T0, null)).map(JobReport.Restart::attempt).contains(1);
		assertThat(budget.next(T0.plusSeconds(10), null)).map(JobReport.Restart::attempt).contains(2);
		assertThat(budget.next(T0.plusSeconds(20), null)).map(JobReport.Restart::attempt).contains(3);
		assertThat(budget.next(T0.plusSeconds(30), null)).isEmpty();
		assertThat(budget.whyNot(T0.plusSeconds(30), null)).isEqualTo("no restart left: 3 of 3 within 600 s used");
	}

	@Test
	void restartsOlderThanTheIntervalNoLongerCount() {
		RestartBudget budget = new RestartBudget(policy(2, Duration.ofMinutes(1), 1, 60));
		budget.next(T0, null);
		budget.next(T0.plusSeconds(30), null);
		assertThat(budget.next(T0.plusSeconds(40), null)).isEmpty();
		// the first restart left the window: one attempt is free again, the second delay
		assertThat(budget.next(T0.plusSeconds(61), null)).hasValue(new JobReport.Restart(2, 2, Duration.ofSeconds(2)));
		// both left it: back to the first delay
		assertThat(budget.next(T0.plusSeconds(200), null)).hasValue(new JobReport.Restart(1, 2, Duration.ofSeconds(1)));
	}

	@Test
	void theDelayDoublesWithEveryRestartAndIsCappedAtMaxDelay() {
		RestartBudget budget = new RestartBudget(policy(6, Duration.ofMinutes(10), 1, 5));
		assertThat(java.util.stream.IntStream.range(0, 6)
			.mapToObj((i) -> budget.next(T0.plusSeconds(i), null).orElseThrow().delay().toSeconds())
			.toList()).containsExactly(1L, 2L, 4L, 5L, 5L, 5L);
	}

	@Test
	void aRestartThatWouldStartAtOrAfterTheDeadlineDoesNotHappenAndUsesNoAttempt() {
		RestartBudget budget = new RestartBudget(policy(3, Duration.ofMinutes(10), 5, 60));
		Instant deadline = T0.plusSeconds(4);
		assertThat(budget.next(T0, deadline)).isEmpty();
		assertThat(budget.whyNot(T0, deadline)).contains("deadline");
		assertThat(budget.next(T0, T0.plusSeconds(6))).map(JobReport.Restart::attempt).contains(1);
	}

	@Test
	void theDefaultPolicyNeverRestarts() {
		assertThat(Instruction.Restart.NONE.restarts()).isFalse();
		assertThat(new RestartBudget(Instruction.Restart.NONE).next(T0, null)).isEmpty();
	}

	static Instruction.Restart policy(int attempts, Duration interval, long delaySeconds, long maxDelaySeconds) {
		return new Instruction.Restart(attempts, interval, Duration.ofSeconds(delaySeconds),
				Duration.ofSeconds(maxDelaySeconds));
	}

}
