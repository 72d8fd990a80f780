package dev.dcf.agent.instruction;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

class SideBySideTests {

	private static final long WAIT_SECONDS = 10;

	private final SideBySide sideBySide = new SideBySide(4);

	/** What ran, as "start X" and "end X", in the order it happened. */
	private final List<String> events = Collections.synchronizedList(new ArrayList<>());

	@AfterEach
	void close() {
		this.sideBySide.close();
	}

	@Test
	void createsOfDifferentJobsRunAtTheSameTime() {
		List<Instruction> creates = List.of(create("a"), create("b"), create("c"), create("d"));
		CountDownLatch allRunning = new CountDownLatch(creates.size());
		Set<String> threads = ConcurrentHashMap.newKeySet();
		this.sideBySide.run(creates, (instruction) -> {
			threads.add(Thread.currentThread().getName());
			allRunning.countDown();
			// each waits until all four have begun: only possible if they overlap
			assertThat(await(allRunning)).as("all four CREATEs running at once").isTrue();
		});
		assertThat(threads).hasSize(4).contains(Thread.currentThread().getName());
	}

	@Test
	void aDeleteWaitsForTheCreatesBeforeItAndTheCreatesAfterItWaitForIt() {
		List<Instruction> instructions = List.of(create("a"), create("b"), ContainerRemoverTests.delete("c", 1),
				create("d"), create("e"));
		this.sideBySide.run(instructions, recording(Duration.ofMillis(50)));
		int deleteStart = this.events.indexOf("start c");
		assertThat(this.events.subList(0, deleteStart)).contains("end a", "end b");
		assertThat(this.events.get(deleteStart + 1)).isEqualTo("end c");
		assertThat(this.events.subList(deleteStart + 2, this.events.size())).containsExactlyInAnyOrder("start d",
				"end d", "start e", "end e");
	}

	@Test
	void twoInstructionsOfOneJobNeverOverlapAndKeepTheirOrder() {
		List<Instruction> instructions = List.of(create("a"), ContainerStarterTests.create("a", 2, 1), create("b"));
		this.sideBySide.run(instructions, recording(Duration.ofMillis(50)));
		List<String> ofA = this.events.stream().filter((event) -> event.endsWith(" a")).toList();
		assertThat(ofA).containsExactly("start a", "end a", "start a", "end a");
	}

	@Test
	void aFailureNamesTheFirstFailedInstructionAndNothingAfterItsGroupRuns() {
		List<Instruction> instructions = List.of(create("a"), create("b"), create("c"), create("d"), create("e"));
		Throwable failure = catchThrowable(() -> this.sideBySide.run(instructions, (instruction) -> {
			this.events.add("start " + instruction.jobId());
			if (instruction.jobId().equals("c") || instruction.jobId().equals("d")) {
				throw new IllegalStateException("no " + instruction.jobId());
			}
		}));
		assertThat(failure).isInstanceOf(InstructionFailedException.class);
		assertThat(((InstructionFailedException) failure).position()).isEqualTo(2);
		assertThat(failure.getCause()).hasMessage("no c");
		// a, b, c, d form one group of four; e would have been the next group
		assertThat(this.events).containsExactlyInAnyOrder("start a", "start b", "start c", "start d");
	}

	@Test
	void aFailedDeleteIsNamedByItsPosition() {
		List<Instruction> instructions = List.of(create("a"), ContainerRemoverTests.delete("b", 1), create("c"));
		assertThatExceptionOfType(InstructionFailedException.class)
			.isThrownBy(() -> this.sideBySide.run(instructions, (instruction) -> {
				this.events.add("start " + instruction.jobId());
				if (instruction.operation() == Instruction.Operation.DELETE) {
					throw new IllegalStateException("report not delivered");
				}
			}))
			.satisfies((ex) -> assertThat(ex.position()).isEqualTo(1));
		assertThat(this.events).containsExactly("start a", "start b");
	}

	@Test
	void anErrorBesideOthersIsRethrownAsItIsAfterTheyEnded() {
		List<Instruction> instructions = List.of(create("a"), create("b"));
		CountDownLatch bEnded = new CountDownLatch(1);
		Throwable thrown = catchThrowable(() -> this.sideBySide.run(instructions, (instruction) -> {
			if (instruction.jobId().equals("a")) {
				throw new AssertionError("broken");
			}
			pause(Duration.ofMillis(100));
			bEnded.countDown();
		}));
		assertThat(thrown).isInstanceOf(AssertionError.class).hasMessage("broken");
		assertThat(bEnded.getCount()).as("b ended before the error was rethrown").isZero();
	}

	@Test
	void widthOneRunsEverythingOnTheCallersThreadInOrder() {
		try (SideBySide one = new SideBySide(1)) {
			List<String> threads = new ArrayList<>();
			one.run(List.of(create("a"), create("b"), create("c")), (instruction) -> {
				threads.add(Thread.currentThread().getName());
				this.events.add(instruction.jobId());
			});
			assertThat(this.events).containsExactly("a", "b", "c");
			assertThat(threads).containsOnly(Thread.currentThread().getName());
		}
	}

	@Test
	void moreCreatesThanTheWidthRunInGroupsOfTheWidth() {
		List<Instruction> creates = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			creates.add(create("job-" + i));
		}
		int[] running = new int[1];
		int[] most = new int[1];
		this.sideBySide.run(creates, (instruction) -> {
			synchronized (running) {
				running[0]++;
				most[0] = Math.max(most[0], running[0]);
			}
			pause(Duration.ofMillis(50));
			synchronized (running) {
				running[0]--;
			}
		});
		assertThat(most[0]).isBetween(2, 4);
	}

	private Consumer<Instruction> recording(Duration each) {
		return (instruction) -> {
			this.events.add("start " + instruction.jobId());
			pause(each);
			this.events.add("end " + instruction.jobId());
		};
	}

	private static Instruction create(String jobId) {
		return ContainerStarterTests.create(jobId, 1, 1);
	}

	private static boolean await(CountDownLatch latch) {
		try {
			return latch.await(WAIT_SECONDS, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
