package dev.dcf.agent.runtime.docker;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.dcf.agent.runtime.ManagedContainer;
import dev.dcf.agent.runtime.ManagedContainer.ContainerStatus;

import static org.assertj.core.api.Assertions.assertThat;

class SettledContainersTests {

	private final SettledContainers settled = new SettledContainers();

	@Test
	void aRunningContainerIsKnownWhileTheListingShowsItRunning() {
		ManagedContainer running = container("c1", "dcf-a-0", ContainerStatus.RUNNING);
		this.settled.inspected(running);

		assertThat(this.settled.known("c1", ContainerStatus.RUNNING)).contains(running);
		assertThat(this.settled.known("c1", ContainerStatus.EXITED)).as("its state changed").isEmpty();
		assertThat(this.settled.known("c2", ContainerStatus.RUNNING)).as("never inspected").isEmpty();
	}

	@Test
	void containersInPassingStatesAreNotKept() {
		this.settled.inspected(container("c1", "dcf-a-0", ContainerStatus.RUNNING));
		this.settled.inspected(container("c1", "dcf-a-0", ContainerStatus.REMOVING));
		this.settled.inspected(container("c2", "dcf-b-0", ContainerStatus.CREATED));

		assertThat(this.settled.known("c1", ContainerStatus.RUNNING)).isEmpty();
		assertThat(this.settled.known("c2", ContainerStatus.CREATED)).isEmpty();
		assertThat(this.settled.size()).isZero();
	}

	@Test
	void aContainerIsForgottenByIdOrByName() {
		this.settled.inspected(container("c1", "dcf-a-0", ContainerStatus.EXITED));
		this.settled.inspected(container("c2", "dcf-b-0", ContainerStatus.RUNNING));

		this.settled.forget("c1");
		this.settled.forget("dcf-b-0");

		assertThat(this.settled.known("c1", ContainerStatus.EXITED)).isEmpty();
		assertThat(this.settled.known("c2", ContainerStatus.RUNNING)).isEmpty();
	}

	@Test
	void theOldestAreDroppedBeyondTheBound() {
		for (int i = 0; i <= SettledContainers.MAX; i++) {
			this.settled.inspected(container("c" + i, "dcf-" + i, ContainerStatus.RUNNING));
		}

		assertThat(this.settled.size()).isEqualTo(SettledContainers.MAX);
		assertThat(this.settled.known("c0", ContainerStatus.RUNNING)).isEmpty();
		assertThat(this.settled.known("c" + SettledContainers.MAX, ContainerStatus.RUNNING)).isPresent();
	}

	private static ManagedContainer container(String id, String name, ContainerStatus state) {
		return new ManagedContainer(id, name, "dcf-test/sleeper", Map.of("dcf.job-id", "a"), state,
				(state == ContainerStatus.EXITED) ? 0 : null, false, Instant.parse("2026-05-01T10:00:00Z"), null);
	}

}
