package dev.dcf.agent.events;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import dev.dcf.agent.runtime.ManagedContainer.ContainerStatus;
import dev.dcf.agent.testsupport.FakeRuntime;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExitTailTests {

	private final FakeRuntime runtime = new FakeRuntime();

	private final ExitTail tail = new ExitTail(this.runtime, Duration.ofSeconds(1));

	@Test
	void theLastErrorLinesDockerPlacedBeforeTheTailAreAddedAtItsEnd() {
		String id = this.runtime.add("c0", Map.of(), ContainerStatus.EXITED, 1).id();
		List<String> stdout = IntStream.rangeClosed(1, 300).mapToObj((i) -> "batch " + i).toList();
		// as Docker may interleave: the error read before the stdout lines written
		// earlier
		List<String> interleaved = new java.util.ArrayList<>(stdout.subList(0, 50));
		interleaved.add("error: broker refused the schema");
		interleaved.addAll(stdout.subList(50, 300));
		this.runtime.logs.put("c0", interleaved);
		this.runtime.stderr.put("c0", List.of("error: broker refused the schema"));

		List<String> lines = tail.read(id).lines().toList();

		assertThat(lines).hasSize(101)
			.startsWith("batch 201")
			.endsWith("batch 300", "error: broker refused the schema");
	}

	@Test
	void onlyTheLastTenErrorLinesAreMadeSureOf() {
		String id = this.runtime.add("c0", Map.of(), ContainerStatus.EXITED, 1).id();
		this.runtime.logs.put("c0", List.of("out"));
		this.runtime.stderr.put("c0", IntStream.rangeClosed(1, 30).mapToObj((i) -> "warning " + i).toList());

		assertThat(this.tail.read(id).lines().toList()).hasSize(11)
			.startsWith("out", "warning 21")
			.endsWith("warning 30");
	}

	@Test
	void errorLinesInsideTheTailStayWhereDockerPutThem() {
		String id = this.runtime.add("c0", Map.of(), ContainerStatus.EXITED, 1).id();
		this.runtime.logs.put("c0", List.of("one", "oops", "two"));
		this.runtime.stderr.put("c0", List.of("oops"));

		assertThat(this.tail.read(id)).isEqualTo("one\noops\ntwo");
	}

	@Test
	void theTailIsCutToItsCharacterBoundKeepingTheEnd() {
		String id = this.runtime.add("c0", Map.of(), ContainerStatus.EXITED, 1).id();
		this.runtime.logs.put("c0", List.of("x".repeat(ExitTail.MAX_CHARS), "the end"));

		String read = this.tail.read(id);
		assertThat(read).hasSize(ExitTail.MAX_CHARS).endsWith("\nthe end");
	}

}
