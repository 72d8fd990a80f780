package dev.dcf.handler.e2e;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadCpuTests {

	@Test
	void threadsOfOnePoolFallIntoOneGroupWhateverTheirNumbersAndIds() {
		assertThat(ThreadCpu.group("kafka-producer-network-thread | producer-12"))
			.isEqualTo(ThreadCpu.group("kafka-producer-network-thread | producer-7"))
			.isEqualTo("kafka-producer-network-thread | producer-#");
		assertThat(ThreadCpu.group("dcf-agent-3f2a9c1e-0b1d-4c2e-9f00-1234567890ab-instructions-0-C-1"))
			.isEqualTo("dcf-agent-<id>-instructions-#-C-#");
		assertThat(ThreadCpu.group("http-nio-auto-1-exec-10")).isEqualTo("http-nio-auto-#-exec-#");
		assertThat(ThreadCpu.group("dcf-placement")).isEqualTo("dcf-placement");
	}

	@Test
	void theCpuOfASpinningThreadIsCountedPerJobBetweenTwoSnapshots() throws Exception {
		ThreadCpu before = ThreadCpu.now();
		Thread spinner = new Thread(() -> {
			long end = System.nanoTime() + 200_000_000L;
			long x = 0;
			while (System.nanoTime() < end) {
				x += System.nanoTime() % 7;
			}
			if (x == 42) {
				System.out.println(x);
			}
			try {
				Thread.sleep(2000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "cpu-test-spinner-1");
		spinner.start();
		Thread.sleep(500);

		List<String> rows = ThreadCpu.now().since(before, 10, 50);

		spinner.interrupt();
		assertThat(rows.get(0)).startsWith("| threads |");
		assertThat(rows).anySatisfy((row) -> assertThat(row).startsWith("| `cpu-test-spinner-#` | 0."));
		assertThat(rows).anySatisfy((row) -> assertThat(row).startsWith("| **the process**"));
	}

	@Test
	void theCpuOfThreadsNamedWithAPrefixIsSummedAndOthersAreLeftOut() throws Exception {
		ThreadCpu before = ThreadCpu.now();
		CountDownLatch spun = new CountDownLatch(3);
		List<Thread> threads = List.of(spinning("prefix-test-a-1", spun), spinning("prefix-test-b-1", spun),
				spinning("other-test-a-1", spun));
		spun.await();

		long sum = ThreadCpu.now().nanosSince(before, "prefix-test-");

		threads.forEach(Thread::interrupt);
		// two threads of 100 ms CPU each (and a little for starting), not the third
		assertThat(sum).isBetween(200_000_000L, 290_000_000L);
	}

	/**
	 * Spins until it has used 100 ms of CPU, counts down, then sleeps until interrupted.
	 */
	private static Thread spinning(String name, CountDownLatch spun) {
		Thread thread = new Thread(() -> {
			ThreadMXBean threads = ManagementFactory.getThreadMXBean();
			long x = 0;
			while (threads.getCurrentThreadCpuTime() < 100_000_000L) {
				x += System.nanoTime() % 7;
			}
			if (x == 42) {
				System.out.println(x);
			}
			spun.countDown();
			try {
				Thread.sleep(10_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, name);
		thread.start();
		return thread;
	}

}
