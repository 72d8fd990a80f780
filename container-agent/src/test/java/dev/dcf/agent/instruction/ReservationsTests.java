package dev.dcf.agent.instruction;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import dev.dcf.agent.config.ManagedLabels;
import dev.dcf.agent.runtime.ManagedContainer.ContainerStatus;
import dev.dcf.agent.runtime.ContainerSummary;

import static org.assertj.core.api.Assertions.assertThat;

class ReservationsTests {

	private final Reservations reservations = new Reservations(3);

	private final List<ContainerSummary> listed = new ArrayList<>();

	@Test
	void twoJobsBeingCreatedCannotBothTakeTheLastPlace() {
		running("old", ContainerStatus.RUNNING);
		running("old", ContainerStatus.RUNNING);
		assertThat(reserve("a", 1)).isEmpty();
		assertThat(reserve("b", 1)).hasValue(3);
	}

	@Test
	void aReleasedReservationFreesItsPlaces() {
		assertThat(reserve("a", 3)).isEmpty();
		assertThat(reserve("b", 1)).hasValue(3);
		this.reservations.release("a");
		assertThat(reserve("b", 1)).isEmpty();
	}

	@Test
	void aJobBeingCreatedCountsOnceThoughTheListingShowsItsContainers() {
		assertThat(reserve("a", 2)).isEmpty();
		// a's containers already created while a still holds its reservation
		running("a", ContainerStatus.CREATED);
		running("a", ContainerStatus.RUNNING);
		assertThat(reserve("b", 1)).isEmpty();
	}

	@Test
	void theJobsOwnContainersAndExitedOnesDoNotCountAgainstIt() {
		running("a", ContainerStatus.RUNNING);
		running("a", ContainerStatus.RUNNING);
		running("gone", ContainerStatus.EXITED);
		assertThat(reserve("a", 3)).isEmpty();
	}

	private OptionalLong reserve(String jobId, int containers) {
		return this.reservations.reserve(jobId, containers, () -> List.copyOf(this.listed));
	}

	private void running(String jobId, ContainerStatus state) {
		this.listed.add(new ContainerSummary("id-" + this.listed.size(), "dcf-" + jobId + "-" + this.listed.size(),
				Map.of(ManagedLabels.JOB_ID, jobId), state));
	}

}
