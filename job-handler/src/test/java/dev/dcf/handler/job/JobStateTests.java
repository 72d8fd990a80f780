package dev.dcf.handler.job;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JobStateTests {

	/**
	 * The allowed transitions, written out by hand (rows: from, columns: to). Kept apart
	 * from the enum's own table on purpose: a change to either must be a conscious change
	 * to both.
	 */
	private static final String TABLE = """
			           CREATED SCHEDULED DEPLOYING RUNNING STOPPING COMPLETED FAILED LOST
			CREATED       -        x         x        -       -        -        -     -
			SCHEDULED     x        -         x        -       -        -        -     -
			DEPLOYING     -        -         -        x       x        x        x     x
			RUNNING       -        -         x        -       x        x        x     x
			STOPPING      -        -         -        -       -        x        x     x
			COMPLETED     -        x         x        -       -        -        -     -
			FAILED        -        x         x        -       -        -        -     -
			LOST          -        x         x        x       -        x        x     -
			""";

	static Stream<Arguments> everyPair() {
		List<String> lines = TABLE.lines().filter((line) -> !line.isBlank()).toList();
		String[] columns = lines.get(0).trim().split("\\s+");
		List<Arguments> pairs = new ArrayList<>();
		for (String row : lines.subList(1, lines.size())) {
			String[] cells = row.trim().split("\\s+");
			for (int i = 0; i < columns.length; i++) {
				pairs.add(Arguments.of(JobState.valueOf(cells[0]), JobState.valueOf(columns[i]),
						"x".equals(cells[i + 1])));
			}
		}
		return pairs.stream();
	}

	@Test
	void tableCoversAllSixtyFourPairs() {
		assertThat(everyPair()).hasSize(JobState.values().length * JobState.values().length).hasSize(64);
	}

	@ParameterizedTest(name = "{0} -> {1}: {2}")
	@MethodSource("everyPair")
	void canTransitionToFollowsTheTable(JobState from, JobState to, boolean allowed) {
		assertThat(from.canTransitionTo(to)).isEqualTo(allowed);
		assertThat(from.nextStates().contains(to)).isEqualTo(allowed);
	}

	@ParameterizedTest(name = "{0} -> {1}: {2}")
	@MethodSource("everyPair")
	void requireTransitionToAcceptsAllowedRefusesOthersAndIgnoresRepeats(JobState from, JobState to, boolean allowed) {
		if (from == to) {
			assertThat(from.requireTransitionTo(to)).isFalse();
		}
		else if (allowed) {
			assertThat(from.requireTransitionTo(to)).isTrue();
		}
		else {
			assertThatExceptionOfType(IllegalJobTransitionException.class)
				.isThrownBy(() -> from.requireTransitionTo(to))
				.satisfies((ex) -> {
					assertThat(ex.from()).isEqualTo(from);
					assertThat(ex.to()).isEqualTo(to);
				});
		}
	}

	@ParameterizedTest
	@EnumSource(JobState.class)
	void repeatedTransitionIsANoOpNotAnError(JobState state) {
		assertThat(state.canTransitionTo(state)).isFalse();
		assertThat(state.requireTransitionTo(state)).isFalse();
	}

	@Test
	void rejectsCompletedToRunningNamingBothStates() {
		assertThatExceptionOfType(IllegalJobTransitionException.class)
			.isThrownBy(() -> JobState.COMPLETED.requireTransitionTo(JobState.RUNNING))
			.withMessageContaining("COMPLETED")
			.withMessageContaining("RUNNING");
	}

	@Test
	void activeStatesAreDeployingRunningAndStopping() {
		assertThat(Stream.of(JobState.values()).filter(JobState::isActive)).containsExactly(JobState.DEPLOYING,
				JobState.RUNNING, JobState.STOPPING);
	}

	@Test
	void terminalStatesAreCompletedFailedAndLost() {
		assertThat(Stream.of(JobState.values()).filter(JobState::isTerminal)).containsExactly(JobState.COMPLETED,
				JobState.FAILED, JobState.LOST);
	}

	@ParameterizedTest
	@EnumSource(value = JobState.class, names = { "COMPLETED", "FAILED" })
	void completedAndFailedCanOnlyStartANewRun(JobState state) {
		assertThat(state.nextStates()).containsExactlyInAnyOrder(JobState.SCHEDULED, JobState.DEPLOYING);
	}

	@Test
	void lostCanStartANewRunResumeItsRunOrEndIt() {
		assertThat(JobState.LOST.nextStates()).containsExactlyInAnyOrder(JobState.SCHEDULED, JobState.DEPLOYING,
				JobState.RUNNING, JobState.COMPLETED, JobState.FAILED);
	}

	@Test
	void nextStatesCannotBeModified() {
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> JobState.CREATED.nextStates().add(JobState.RUNNING));
	}

}
