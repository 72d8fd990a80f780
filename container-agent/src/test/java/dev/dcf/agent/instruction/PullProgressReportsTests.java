package dev.dcf.agent.instruction;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.dcf.agent.config.AgentProperties.PullPolicy;
import dev.dcf.agent.report.AgentReport;
import dev.dcf.agent.report.JobReport;
import dev.dcf.agent.report.ReportNotDeliveredException;
import dev.dcf.agent.report.Reporter;
import dev.dcf.agent.runtime.PullBytes;
import dev.dcf.agent.testsupport.FakeRuntime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Progress reports on their own thread, with a short interval so that a test sees
 * several.
 */
class PullProgressReportsTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final RecordingReporter reporter = new RecordingReporter();

	private final PullProgressReports reports = new PullProgressReports(this.reporter, Duration.ofMillis(10),
			Clock.systemUTC());

	@AfterEach
	void close() {
		this.reporter.release.countDown();
		this.reports.close();
	}

	@Test
	void reportsPullingOfTheJobsRunAtTheStartAndThenAgainUntilThePullEnds() {
		Instruction create = ContainerStarterTests.create("job-1", 3, 1, "dcf/gen:1");

		PullFollower.Following following = this.reports.follow(create, () -> new PullBytes(5_000_000, 20_000_000));
		Awaitility.await().atMost(WAIT).until(() -> this.reporter.sent.size() >= 3);
		following.close();

		assertThat(this.reporter.sent).allSatisfy((report) -> {
			assertThat(report.kind()).isEqualTo(JobReport.Kind.PULLING);
			assertThat(report.jobId()).isEqualTo("job-1");
			assertThat(report.runNumber()).isEqualTo(3);
			assertThat(report.instructionId()).isNull();
			assertThat(report.reason()).startsWith("pulling image dcf/gen:1").endsWith(": 5.0 of 20.0 MB");
		});
		int afterClose = this.reporter.sent.size();
		// one may have been under way when the pull ended
		Awaitility.await()
			.during(Duration.ofMillis(200))
			.atMost(WAIT)
			.until(() -> this.reporter.sent.size() <= afterClose + 1);
	}

	@Test
	void aReportKafkaDoesNotTakeIsSkipped() {
		this.reporter.failures.set(2);

		this.reports.follow(ContainerStarterTests.create("job-1", 1, 1, "dcf/gen:1"), () -> PullBytes.NONE);

		Awaitility.await().atMost(WAIT).until(() -> this.reporter.sent.size() >= 1);
		assertThat(this.reporter.failures).hasValue(0);
	}

	@Test
	void aSendThatHangsDoesNotHoldUpThePull() {
		this.reporter.hang = true;
		FakeRuntime runtime = new FakeRuntime();
		runtime.pullableImages.add("dcf/gen:1");
		ImagePuller puller = new ImagePuller(runtime, PullPolicy.ALWAYS, Duration.ofMinutes(1),
				(host) -> Optional.empty(), this.reports, Clock.systemUTC(), Pause.SLEEP);

		assertTimeoutPreemptively(WAIT, () -> puller.prepare(ContainerStarterTests.create("job-1", 1, 1, "dcf/gen:1")));

		assertThat(runtime.localImages).contains("dcf/gen:1");
	}

	@Test
	void saysForHowLongAndHowManyBytes() {
		assertThat(PullProgressReports.describe("dcf/gen:1", Duration.ZERO, PullBytes.NONE))
			.isEqualTo("pulling image dcf/gen:1");
		assertThat(PullProgressReports.describe("dcf/gen:1", Duration.ofSeconds(40),
				new PullBytes(12_345_678, 40_000_000)))
			.isEqualTo("pulling image dcf/gen:1 for 40 s: 12.3 of 40.0 MB");
	}

	static final class RecordingReporter implements Reporter {

		final List<JobReport> sent = new CopyOnWriteArrayList<>();

		final AtomicInteger failures = new AtomicInteger();

		final CountDownLatch release = new CountDownLatch(1);

		volatile boolean hang;

		@Override
		public void send(JobReport report) {
			if (this.hang) {
				try {
					this.release.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return;
			}
			if (this.failures.getAndUpdate((n) -> Math.max(0, n - 1)) > 0) {
				throw new ReportNotDeliveredException("broker away", null);
			}
			this.sent.add(report);
		}

		@Override
		public void send(AgentReport report) {
			throw new UnsupportedOperationException();
		}

	}

}
