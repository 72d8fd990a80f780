package dev.dcf.agent.instruction;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.dcf.agent.report.AgentReport;
import dev.dcf.agent.report.ContainerReport;
import dev.dcf.agent.report.JobReport;
import dev.dcf.agent.report.KafkaContact;
import dev.dcf.agent.report.ReportNotDeliveredException;
import dev.dcf.agent.report.Reporter;
import dev.dcf.agent.runtime.ManagedContainer;
import dev.dcf.agent.runtime.ManagedContainer.ContainerStatus;
import dev.dcf.agent.testsupport.FakeRuntime;
import dev.dcf.testsupport.MutableClock;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.dcf.agent.instruction.ContainerStarterTests.labels;
import static org.assertj.core.api.Assertions.assertThat;

class DeadlineEnforcerTests {

	private static final Instant T0 = Instant.parse("2026-02-01T10:00:00Z");

	private static final Duration WAIT = Duration.ofSeconds(5);

	private final MutableClock clock = new MutableClock(T0);

	private final List<JobReport> reports = new CopyOnWriteArrayList<>();

	private final AtomicBoolean kafkaDown = new AtomicBoolean();

	private final AtomicInteger attempts = new AtomicInteger();

	private final Reporter reporter = new Reporter() {

		@Override
		public void send(JobReport report) {
			DeadlineEnforcerTests.this.attempts.incrementAndGet();
			if (DeadlineEnforcerTests.this.kafkaDown.get()) {
				throw new ReportNotDeliveredException("broker not reachable (test)", null);
			}
			DeadlineEnforcerTests.this.reports.add(report);
		}

		@Override
		public void send(AgentReport report) {
			throw new UnsupportedOperationException();
		}

	};

	private final KafkaContact contact = new KafkaContact(this.clock);

	private DeadlineEnforcer enforcer;

	@AfterEach
	void stop() {
		if (this.enforcer != null && this.enforcer.isRunning()) {
			this.enforcer.stop();
		}
	}

	@Test
	void anExpiredContainerIsStoppedRemovedAndReportedWhileOneNotYetExpiredIsLeft() {
		FakeRuntime runtime = new FakeRuntime();
		add(runtime, "dcf-job-1-0", "job-1", "agent-1", 0, "2026-02-01T10:00:00Z");
		add(runtime, "dcf-job-1-1", "job-1", "agent-1", 1, "2026-02-01T10:00:00Z");
		add(runtime, "dcf-job-2-0", "job-2", "agent-1", 0, "2026-02-01T11:00:00Z");
		add(runtime, "dcf-job-3-0", "job-3", "agent-1", 0, null);
		// another agent's container is that agent's business
		add(runtime, "dcf-job-4-0", "job-4", "agent-2", 0, "2026-02-01T09:00:00Z");
		this.clock.advance(Duration.ofSeconds(1));

		enforcer(runtime, null).check();

		assertThat(runtime.containers.keySet()).containsExactlyInAnyOrder("dcf-job-2-0", "dcf-job-3-0", "dcf-job-4-0");
		JobReport removed = awaitReport();
		assertThat(removed.jobId()).isEqualTo("job-1");
		assertThat(removed.runNumber()).isEqualTo(3);
		assertThat(removed.kind()).isEqualTo(JobReport.Kind.REMOVED);
		assertThat(removed.removal()).isEqualTo(JobReport.Removal.DEADLINE);
		assertThat(removed.instructionId()).isNull();
		assertThat(removed.reason())
			.isEqualTo("duration reached (deadline 2026-02-01T10:00:00Z), removed by the agent");
		assertThat(removed.containers()).extracting(ContainerReport::name)
			.containsExactly("dcf-job-1-0", "dcf-job-1-1");
		assertThat(removed.containers()).extracting(ContainerReport::state).containsOnly(ContainerReport.State.REMOVED);
	}

	@Test
	void aContainerWhoseDeadlineIsStillAheadIsLeftAlone() {
		FakeRuntime runtime = new FakeRuntime();
		add(runtime, "dcf-job-1-0", "job-1", "agent-1", 0, "2026-02-01T10:00:01Z");

		enforcer(runtime, null).check();

		assertThat(runtime.containers).containsKey("dcf-job-1-0");
		assertThat(this.reports).isEmpty();
	}

	@Test
	void aRemovalReportThatCannotBeSentIsKeptAndSentOnceKafkaTakesIt() {
		FakeRuntime runtime = new FakeRuntime();
		add(runtime, "dcf-job-1-0", "job-1", "agent-1", 0, "2026-02-01T09:59:00Z");
		this.kafkaDown.set(true);
		DeadlineEnforcer enforcer = enforcer(runtime, null);

		enforcer.check();

		// removed without Kafka
		assertThat(runtime.containers).isEmpty();
		Awaitility.await().atMost(WAIT).until(() -> this.attempts.get() >= 1);
		enforcer.flushSafely();
		assertThat(this.reports).isEmpty();

		this.kafkaDown.set(false);
		enforcer.flushSafely();
		assertThat(this.reports).singleElement().satisfies((report) -> {
			assertThat(report.jobId()).isEqualTo("job-1");
			assertThat(report.removal()).isEqualTo(JobReport.Removal.DEADLINE);
		});
		// delivered once, not again
		enforcer.flushSafely();
		enforcer.check();
		assertThat(this.reports).hasSize(1);
	}

	@Test
	void theLoopRemovesExpiredContainersAndRetriesTheReportByItself() {
		FakeRuntime runtime = new FakeRuntime();
		add(runtime, "dcf-job-1-0", "job-1", "agent-1", 0, "2026-02-01T10:00:30Z");
		this.kafkaDown.set(true);
		this.enforcer = enforcer(runtime, null, Duration.ofMillis(50));
		this.enforcer.start();
		Awaitility.await().during(Duration.ofMillis(200)).atMost(WAIT).until(() -> runtime.containers.size() == 1);

		this.clock.advance(Duration.ofSeconds(30));
		Awaitility.await().atMost(WAIT).until(() -> runtime.containers.isEmpty());
		Awaitility.await().atMost(WAIT).until(() -> this.attempts.get() >= 2);
		this.kafkaDown.set(false);
		Awaitility.await().atMost(WAIT).until(() -> this.reports.size() == 1);
		assertThat(this.reports.get(0).removal()).isEqualTo(JobReport.Removal.DEADLINE);
	}

	@Test
	void theLoopKeepsCheckingAfterACheckThrewAnError() {
		AtomicBoolean errorOnce = new AtomicBoolean(true);
		FakeRuntime runtime = new FakeRuntime() {
			@Override
			public synchronized List<ManagedContainer> list(String labelKey, String labelValue) {
				if (errorOnce.getAndSet(false)) {
					throw new OutOfMemoryError("test");
				}
				return super.list(labelKey, labelValue);
			}
		};
		add(runtime, "dcf-job-1-0", "job-1", "agent-1", 0, "2026-02-01T09:00:00Z");
		this.enforcer = enforcer(runtime, null, Duration.ofMillis(50));
		this.enforcer.start();
		Awaitility.await().atMost(WAIT).until(() -> runtime.containers.isEmpty());
		assertThat(errorOnce).isFalse();
	}

	@Test
	void cutOffFromKafkaForLongerThanStopAfterDisconnectItRemovesAllItsContainersAndReportsThemLater() {
		FakeRuntime runtime = new FakeRuntime();
		add(runtime, "dcf-job-1-0", "job-1", "agent-1", 0, null);
		add(runtime, "dcf-job-2-0", "job-2", "agent-1", 0, "2026-02-01T12:00:00Z");
		add(runtime, "dcf-job-3-0", "job-3", "agent-2", 0, null);
		this.kafkaDown.set(true);
		DeadlineEnforcer enforcer = enforcer(runtime, Duration.ofSeconds(20));

		this.clock.advance(Duration.ofSeconds(19));
		enforcer.check();
		assertThat(runtime.containers).hasSize(3);

		this.clock.advance(Duration.ofSeconds(1));
		enforcer.check();
		assertThat(runtime.containers.keySet()).containsExactly("dcf-job-3-0");

		this.kafkaDown.set(false);
		enforcer.flushSafely();
		assertThat(this.reports).extracting(JobReport::jobId).containsExactly("job-1", "job-2");
		assertThat(this.reports).allSatisfy((report) -> {
			assertThat(report.kind()).isEqualTo(JobReport.Kind.REMOVED);
			assertThat(report.removal()).isEqualTo(JobReport.Removal.SELF_FENCED);
			assertThat(report.reason())
				.isEqualTo("agent was cut off from Kafka for 20 s: containers stopped (stop-after-disconnect)");
		});
	}

	@Test
	void anAgentInTouchWithKafkaKeepsItsContainers() {
		FakeRuntime runtime = new FakeRuntime();
		add(runtime, "dcf-job-1-0", "job-1", "agent-1", 0, null);
		DeadlineEnforcer enforcer = enforcer(runtime, Duration.ofSeconds(20));

		this.clock.advance(Duration.ofSeconds(15));
		this.contact.acknowledged();
		this.clock.advance(Duration.ofSeconds(15));
		enforcer.check();

		assertThat(runtime.containers).containsKey("dcf-job-1-0");
	}

	@Test
	void withoutStopAfterDisconnectAnAgentCutOffKeepsItsContainers() {
		FakeRuntime runtime = new FakeRuntime();
		add(runtime, "dcf-job-1-0", "job-1", "agent-1", 0, null);
		DeadlineEnforcer enforcer = enforcer(runtime, null);

		this.clock.advance(Duration.ofDays(1));
		enforcer.check();

		assertThat(runtime.containers).containsKey("dcf-job-1-0");
	}

	private JobReport awaitReport() {
		Awaitility.await().atMost(WAIT).until(() -> !this.reports.isEmpty());
		return this.reports.get(0);
	}

	private DeadlineEnforcer enforcer(FakeRuntime runtime, Duration stopAfterDisconnect) {
		return enforcer(runtime, stopAfterDisconnect, Duration.ofSeconds(1));
	}

	private DeadlineEnforcer enforcer(FakeRuntime runtime, Duration stopAfterDisconnect, Duration interval) {
		return new DeadlineEnforcer(runtime, new ContainerRemover(runtime, Duration.ofSeconds(10), this.clock),
				new JobLocks(), new PendingReports(this.reporter, this.contact), this.contact, "agent-1", interval,
				stopAfterDisconnect, this.clock);
	}

	private static void add(FakeRuntime runtime, String name, String jobId, String agentId, int index,
			String deadline) {
		Map<String, String> labels = new HashMap<>(labels(jobId, agentId, index, 3));
		if (deadline != null) {
			labels.put("dcf.deadline", deadline);
		}
		runtime.add(name, labels, ContainerStatus.RUNNING, null);
	}

}
