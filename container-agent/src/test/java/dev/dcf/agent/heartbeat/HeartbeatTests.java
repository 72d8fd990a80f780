package dev.dcf.agent.heartbeat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.dcf.agent.config.AgentIdentity;
import dev.dcf.agent.config.ManagedLabels;
import dev.dcf.agent.health.CheckResult;
import dev.dcf.agent.health.DockerDaemonCheck;
import dev.dcf.agent.health.HealthMonitor;
import dev.dcf.agent.health.SystemDisk;
import dev.dcf.agent.health.SystemMemory;
import dev.dcf.agent.report.AgentReport;
import dev.dcf.agent.report.ContainerReport;
import dev.dcf.agent.report.JobReport;
import dev.dcf.agent.report.Reporter;
import dev.dcf.agent.report.SequenceCounter;
import dev.dcf.agent.report.KafkaContact;
import dev.dcf.agent.runtime.ContainerStats;
import dev.dcf.agent.runtime.DaemonInfo;
import dev.dcf.agent.runtime.ManagedContainer;
import dev.dcf.agent.runtime.ManagedContainer.ContainerStatus;
import dev.dcf.agent.stats.StatsSampler;
import dev.dcf.agent.testsupport.FakeRuntime;

import static org.assertj.core.api.Assertions.assertThat;

class HeartbeatTests {

	private static final Duration INTERVAL = Duration.ofSeconds(1);

	private static final Duration BOUND = Duration.ofMillis(500);

	private static final String AGENT = "agent-1";

	/** Docker info and list of the heartbeat, info of the docker check. */
	private static final int CALLS_PER_BEAT = 3;

	private final HangingRuntime runtime = new HangingRuntime();

	private final RecordingReporter reporter = new RecordingReporter();

	private final HealthMonitor health = new HealthMonitor(List.of(new DockerDaemonCheck(this.runtime)),
			Duration.ofSeconds(3), Clock.systemUTC());

	private final Heartbeat heartbeat = new Heartbeat(this.health, this.runtime, new SystemMemory(),
			new SystemDisk(Path.of(".")), this.reporter, new AgentIdentity(AGENT, "host-1", "1.0", Map.of()), INTERVAL,
			BOUND, 20, Clock.systemUTC());

	@AfterEach
	void stop() {
		this.runtime.hanging = false;
		this.runtime.release.countDown();
		if (this.reporter.stuck != null) {
			this.reporter.stuck.countDown();
		}
		this.heartbeat.stop();
		this.health.close();
	}

	@Test
	void heartbeatsKeepTheirIntervalWhileDockerHangs() {
		this.runtime.add("dcf-job-1-0",
				Map.of(ManagedLabels.MANAGED, "true", ManagedLabels.AGENT_ID, AGENT, ManagedLabels.JOB_ID, "job-1"),
				ContainerStatus.RUNNING, null);
		this.heartbeat.start();
		AgentReport healthy = awaitBeats(1).get(0).report();
		assertThat(healthy.health()).isEqualTo(AgentReport.Health.HEALTHY);

		this.runtime.hanging = true;
		int before = this.reporter.beats.size();
		awaitBeats(before + 3);
		long threadsAfterThreeBeats = dcfThreads();
		List<Beat> beats = awaitBeats(before + 8).stream().skip(before).limit(8).toList();

		// on time: each beat waits at most BOUND for Docker, so the rate
		// stays the interval
		for (int i = 1; i < beats.size(); i++) {
			long gap = beats.get(i).sentAtMillis() - beats.get(i - 1).sentAtMillis();
			assertThat(gap).as("gap before beat %d", i).isBetween(INTERVAL.toMillis() - 300, INTERVAL.toMillis() + 300);
		}
		// the first beat after the hang may have listed just before it
		assertThat(beats.stream().skip(1)).allSatisfy((beat) -> {
			AgentReport report = beat.report();
			assertThat(report.health()).isEqualTo(AgentReport.Health.UNHEALTHY);
			assertThat(report.checks())
				.contains(CheckResult.failed("docker", "Docker daemon did not answer within 500 ms"));
			// the last list and daemon facts seen, not "no containers"
			assertThat(report.containers()).extracting(ContainerReport::name).containsExactly("dcf-job-1-0");
			assertThat(report.dockerVersion()).isEqualTo("20.10.24");
		});
		// one hung info, one hung list and one hung check: no thread per beat
		assertThat(dcfThreads()).isEqualTo(threadsAfterThreeBeats);
		assertThat(this.runtime.callsStarted()).isLessThanOrEqualTo(3 + this.runtime.callsBeforeHang());
	}

	@Test
	void heartbeatsAreHealthyAgainWithTheSameContainersWhenDockerAnswersAgain() {
		this.runtime.add("dcf-job-1-0",
				Map.of(ManagedLabels.MANAGED, "true", ManagedLabels.AGENT_ID, AGENT, ManagedLabels.JOB_ID, "job-1"),
				ContainerStatus.RUNNING, null);
		this.runtime.hanging = true;
		this.heartbeat.start();
		awaitBeats(2);
		this.runtime.hanging = false;
		this.runtime.release.countDown();
		AgentReport back = awaitBeat((report) -> report.health() == AgentReport.Health.HEALTHY);
		assertThat(back.containers()).extracting(ContainerReport::name).containsExactly("dcf-job-1-0");
	}

	@Test
	void aHeartbeatIsStampedBeforeItListsSoAReportSentMeanwhileIsNewerThanIt() {
		// the handler expects a job's containers in every heartbeat newer than the job's
		// STARTED: one stamped at sending, after a listing taken before the start, would
		// seem to have seen a container it did not list
		SequenceCounter sequences = new SequenceCounter(Clock.systemUTC());
		AtomicLong startedSentDuringTheList = new AtomicLong();
		FakeRuntime runtime = new FakeRuntime() {
			@Override
			public List<ManagedContainer> list(String labelKey, String labelValue) {
				List<ManagedContainer> before = super.list(labelKey, labelValue);
				startedSentDuringTheList.set(sequences.next());
				return before;
			}
		};
		Heartbeat beating = new Heartbeat(this.health, runtime, new SystemMemory(), new SystemDisk(Path.of(".")),
				this.reporter, new AgentIdentity(AGENT, "host-1", "1.0", Map.of()), INTERVAL, BOUND, 20,
				Clock.systemUTC(), new KafkaContact(Clock.systemUTC()), null, sequences);

		AgentReport report = beating.observe();
		long started = startedSentDuringTheList.get();

		assertThat(started).isPositive();
		assertThat(report.sequence()).isLessThan(started);
		assertThat(beating.observe().sequence()).as("the next heartbeat").isGreaterThan(started);
	}

	@Test
	void aHeartbeatListsEveryManagedContainerOnTheDaemonWithItsAgentButCountsOnlyItsOwn() {
		this.runtime.add(
				"dcf-job-1-0", Map.of(ManagedLabels.MANAGED, "true", ManagedLabels.AGENT_ID, AGENT,
						ManagedLabels.JOB_ID, "job-1", ManagedLabels.DEADLINE, "2026-01-01T01:00:00Z"),
				ContainerStatus.RUNNING, null);
		this.runtime.add("dcf-job-2-0", Map.of(ManagedLabels.MANAGED, "true", ManagedLabels.AGENT_ID, "agent-gone",
				ManagedLabels.JOB_ID, "job-2"), ContainerStatus.RUNNING, null);
		this.runtime.add("dcf-job-3-0", Map.of(ManagedLabels.MANAGED, "true", ManagedLabels.JOB_ID, "job-3"),
				ContainerStatus.RUNNING, null);
		this.runtime.add("not-ours", Map.of("app", "other"), ContainerStatus.RUNNING, null);

		AgentReport report = this.heartbeat.observe();

		assertThat(report.containers()).extracting(ContainerReport::name, ContainerReport::agentId)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("dcf-job-1-0", AGENT),
					org.assertj.core.groups.Tuple.tuple("dcf-job-2-0", "agent-gone"),
					org.assertj.core.groups.Tuple.tuple("dcf-job-3-0", ""));
		assertThat(report.containers()).filteredOn((c) -> c.name().equals("dcf-job-1-0"))
			.singleElement()
			.satisfies((c) -> assertThat(c.deadline()).isEqualTo(java.time.Instant.parse("2026-01-01T01:00:00Z")));
		assertThat(report.capacity().runningContainers()).isEqualTo(1);
	}

	@Test
	void aHeartbeatWhoseObservationThrowsAnErrorKeepsBeating() {
		this.runtime.errorOnce.set(true);
		this.heartbeat.start();
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !this.runtime.errorOnce.get());
		int before = this.reporter.beats.size();
		awaitBeats(before + 3);
	}

	@Test
	void aHeartbeatStuckInSendingNeitherHoldsUpTheNextBeatsNorPilesUpSends() {
		this.reporter.stuck = new CountDownLatch(1);
		this.heartbeat.start();
		Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> this.reporter.attempts.get() == 1);
		int observed = this.runtime.callsStarted();
		// the beats go on observing every interval, and are dropped while the send hangs
		Awaitility.await()
			.atMost(INTERVAL.multipliedBy(8))
			.until(() -> this.runtime.callsStarted() >= observed + 2 * CALLS_PER_BEAT);
		assertThat(this.reporter.attempts.get()).isEqualTo(1);

		this.reporter.stuck.countDown();
		int delivered = this.reporter.beats.size();
		awaitBeats(delivered + 2);
	}

	@Test
	void theObservationBoundIsHalfTheIntervalOrTheCheckTimeoutIfSmaller() {
		assertThat(HeartbeatConfiguration.observationBound(Duration.ofSeconds(5), Duration.ofSeconds(3)))
			.isEqualTo(Duration.ofMillis(2500));
		assertThat(HeartbeatConfiguration.observationBound(Duration.ofSeconds(10), Duration.ofSeconds(3)))
			.isEqualTo(Duration.ofSeconds(3));
	}

	private List<Beat> awaitBeats(int count) {
		return Awaitility.await()
			.atMost(INTERVAL.multipliedBy(count + 5))
			.until(() -> List.copyOf(this.reporter.beats), (beats) -> beats.size() >= count);
	}

	private AgentReport awaitBeat(java.util.function.Predicate<AgentReport> matching) {
		return Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> this.reporter.beats.stream().map(Beat::report).filter(matching).findFirst(),
					java.util.Optional::isPresent)
			.get();
	}

	private static long dcfThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith("dcf-"))
			.count();
	}

	record Beat(AgentReport report, long sentAtMillis) {
	}

	static final class RecordingReporter implements Reporter {

		final List<Beat> beats = new CopyOnWriteArrayList<>();

		final AtomicInteger attempts = new AtomicInteger();

		/**
		 * While set and not counted down, sending hangs (a producer stuck on metadata).
		 */
		volatile CountDownLatch stuck;

		@Override
		public void send(JobReport report) {
			throw new UnsupportedOperationException();
		}

		@Override
		public void send(AgentReport report) {
			this.attempts.incrementAndGet();
			CountDownLatch latch = this.stuck;
			if (latch != null) {
				try {
					latch.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
			this.beats.add(new Beat(report, System.nanoTime() / 1_000_000));
		}

	}

	/** Docker calls block for good (ignoring interrupts) while {@code hanging}. */
	@Test
	void aHeartbeatCarriesTheNewestSampleOfItsOwnRunningContainersWithoutWaitingForAHungStatsCall() {
		CountDownLatch never = new CountDownLatch(1);
		FakeRuntime runtime = new FakeRuntime() {
			@Override
			public Optional<ContainerStats> stats(String containerIdOrName, Duration timeout) {
				if (containerIdOrName.equals(containers.get("dcf-job-2-0").id())) {
					try {
						never.await();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
				return Optional.of(new ContainerStats(12.5, 100_000_000L, 268_435_456L, null, Instant.EPOCH));
			}
		};
		Map<String, String> own = Map.of(ManagedLabels.MANAGED, "true", ManagedLabels.AGENT_ID, AGENT);
		runtime.add("dcf-job-1-0", own, ContainerStatus.RUNNING, null);
		runtime.add("dcf-job-2-0", own, ContainerStatus.RUNNING, null);
		runtime.add("dcf-job-3-0", own, ContainerStatus.EXITED, 0);
		runtime.add("dcf-job-4-0", Map.of(ManagedLabels.MANAGED, "true", ManagedLabels.AGENT_ID, "agent-2"),
				ContainerStatus.RUNNING, null);
		StatsSampler stats = new StatsSampler(runtime, Duration.ofMillis(100), Duration.ofSeconds(30));
		Heartbeat beating = new Heartbeat(this.health, runtime, new SystemMemory(), new SystemDisk(Path.of(".")),
				this.reporter, new AgentIdentity(AGENT, "host-1", "1.0", Map.of()), INTERVAL, BOUND, 20,
				Clock.systemUTC(), new KafkaContact(Clock.systemUTC()), stats, new SequenceCounter(Clock.systemUTC()));
		try {
			stats.start();
			beating.observe();
			Awaitility.await()
				.atMost(Duration.ofSeconds(5))
				.until(() -> stats.latest(runtime.containers.get("dcf-job-1-0").id()).isPresent());

			long start = System.nanoTime();
			AgentReport report = beating.observe();

			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND.plusMillis(500));
			Map<String, ContainerStats> byName = new java.util.HashMap<>();
			report.containers().forEach((c) -> byName.put(c.name(), c.stats()));
			assertThat(byName.get("dcf-job-1-0")).isNotNull()
				.extracting(ContainerStats::memoryBytes)
				.isEqualTo(100_000_000L);
			// hung: no sample yet; exited and another agent's: not sampled
			assertThat(byName).containsEntry("dcf-job-2-0", null)
				.containsEntry("dcf-job-3-0", null)
				.containsEntry("dcf-job-4-0", null);
		}
		finally {
			never.countDown();
			stats.stop();
		}
	}

	static final class HangingRuntime extends FakeRuntime {

		final CountDownLatch release = new CountDownLatch(1);

		final AtomicBoolean errorOnce = new AtomicBoolean();

		volatile boolean hanging;

		private volatile int calls;

		private volatile int callsAtHang = -1;

		@Override
		public DaemonInfo info() {
			hangIfAsked();
			return super.info();
		}

		@Override
		public List<ManagedContainer> list(String labelKey, String labelValue) {
			hangIfAsked();
			if (this.errorOnce.getAndSet(false)) {
				throw new StackOverflowError("thrown once by the test");
			}
			return super.list(labelKey, labelValue);
		}

		int callsStarted() {
			return this.calls;
		}

		int callsBeforeHang() {
			return this.callsAtHang;
		}

		private void hangIfAsked() {
			synchronized (this) {
				this.calls++;
				if (this.hanging && this.callsAtHang < 0) {
					this.callsAtHang = this.calls - 1;
				}
			}
			while (this.hanging && this.release.getCount() > 0) {
				try {
					this.release.await();
				}
				catch (InterruptedException ex) {
					// a hung socket read does not care either
				}
			}
		}

	}

}
