package dev.dcf.agent.runtime.docker;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.dcf.agent.runtime.ContainerRuntimeException;
import dev.dcf.agent.runtime.ContainerRuntimeException.Kind;
import dev.dcf.agent.runtime.ManagedContainer;
import dev.dcf.agent.runtime.ManagedContainer.ContainerStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The daemon's answers scripted in the order they come when an earlier run's container is
 * being removed while the new one is created under the same name.
 */
class NamedCreateTests {

	private static final String NAME = "dcf-job-0";

	private final Deque<String> creates = new ArrayDeque<>();

	private final Deque<Optional<ManagedContainer>> inspections = new ArrayDeque<>();

	private final List<String> calls = new ArrayList<>();

	@Test
	void aFreeNameIsCreatedAtOnce() {
		answers("new-id");

		assertThat(create().createdId()).isEqualTo("new-id");
		assertThat(this.calls).containsExactly("create");
	}

	@Test
	void aContainerHoldingTheNameIsTheOneAskedForWhenItIsNotOnItsWayOut() {
		answers((String) null);
		this.inspections.add(Optional.of(container(ContainerStatus.RUNNING)));

		NamedCreate.Outcome outcome = create();

		assertThat(outcome.createdId()).isNull();
		assertThat(outcome.existing().id()).isEqualTo("holder");
		assertThat(this.calls).containsExactly("create", "inspect");
	}

	@Test
	void aNameWhoseHolderVanishedBeforeTheInspectionIsCreatedOnTheNextTry() {
		answers(null, "new-id");
		this.inspections.add(Optional.empty());

		assertThat(create().createdId()).isEqualTo("new-id");
		assertThat(this.calls).containsExactly("create", "inspect", "pause", "create");
	}

	@Test
	void aHolderBeingRemovedIsWaitedForAndNeverHandedBack() {
		answers(null, null, "new-id");
		this.inspections.add(Optional.of(container(ContainerStatus.REMOVING)));
		this.inspections.add(Optional.of(container(ContainerStatus.REMOVING)));

		assertThat(create().createdId()).isEqualTo("new-id");
		assertThat(this.calls).containsExactly("create", "inspect", "pause", "create", "inspect", "pause", "create");
	}

	@Test
	void aNameThatStaysTakenByAContainerOnItsWayOutFailsTheCreateAfterTheLastTry() {
		for (int i = 0; i < NamedCreate.ATTEMPTS; i++) {
			this.creates.add("taken");
			this.inspections.add(Optional.empty());
		}

		assertThatExceptionOfType(ContainerRuntimeException.class)
			.isThrownBy(() -> NamedCreate.create(NAME, this::nextCreate, this::nextInspection, this::pause))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(Kind.REJECTED))
			.withMessageContaining("container name dcf-job-0 was taken");
		assertThat(this.calls.stream().filter("create"::equals)).hasSize(NamedCreate.ATTEMPTS);
		assertThat(this.calls.stream().filter("pause"::equals)).hasSize(NamedCreate.ATTEMPTS - 1);
	}

	private NamedCreate.Outcome create() {
		return NamedCreate.create(NAME, this::nextCreate, this::nextInspection, this::pause);
	}

	/** The create calls' answers in order: an id, or null for "name in use". */
	private void answers(String... ids) {
		Arrays.stream(ids).forEach((id) -> this.creates.add(id == null ? "taken" : id));
	}

	private String nextCreate() {
		this.calls.add("create");
		String answer = this.creates.removeFirst();
		return "taken".equals(answer) ? null : answer;
	}

	private Optional<ManagedContainer> nextInspection(String name) {
		assertThat(name).isEqualTo(NAME);
		this.calls.add("inspect");
		return this.inspections.removeFirst();
	}

	private void pause() {
		this.calls.add("pause");
	}

	private static ManagedContainer container(ContainerStatus state) {
		return new ManagedContainer("holder", NAME, "dcf-test/sleeper:latest", Map.of(), state, null, false,
				Instant.EPOCH, null, null);
	}

}
