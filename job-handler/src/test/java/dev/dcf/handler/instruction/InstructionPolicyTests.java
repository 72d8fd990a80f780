package dev.dcf.handler.instruction;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.dcf.handler.job.JobState;

import static dev.dcf.handler.job.JobState.COMPLETED;
import static dev.dcf.handler.job.JobState.DEPLOYING;
import static dev.dcf.handler.job.JobState.FAILED;
import static dev.dcf.handler.job.JobState.LOST;
import static dev.dcf.handler.job.JobState.RUNNING;
import static dev.dcf.handler.job.JobState.STOPPING;
import static org.assertj.core.api.Assertions.assertThat;

class InstructionPolicyTests {

	/** The changes that call for a DELETE, written out by hand. */
	private static final Set<String> DELETES = Set.of("DEPLOYING->STOPPING", "RUNNING->STOPPING",
			"DEPLOYING->COMPLETED", "DEPLOYING->FAILED", "RUNNING->COMPLETED", "RUNNING->FAILED");

	@Test
	void aDeleteFollowsAStopAndTheEndOfADeployingOrRunningJobButNotItsLoss() {
		for (JobState from : JobState.values()) {
			for (JobState to : from.nextStates()) {
				assertThat(InstructionPolicy.needsDelete(from, to)).as(from + "->" + to)
					.isEqualTo(DELETES.contains(from + "->" + to));
			}
		}
	}

	@Test
	void theEndOfAStoppingJobNeedsNoSecondDelete() {
		for (JobState to : EnumSet.of(COMPLETED, FAILED, LOST)) {
			assertThat(InstructionPolicy.needsDelete(STOPPING, to)).isFalse();
		}
		assertThat(InstructionPolicy.needsDelete(DEPLOYING, RUNNING)).isFalse();
	}

	@Test
	void aLostJobGetsNoDeleteSoItsRunCanResumeWhenItsAgentIsHeardAgain() {
		assertThat(InstructionPolicy.needsDelete(RUNNING, LOST)).isFalse();
		assertThat(InstructionPolicy.needsDelete(DEPLOYING, LOST)).isFalse();
		assertThat(InstructionPolicy.needsDelete(LOST, RUNNING)).isFalse();
	}

}
