package dev.dcf.handler.logs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobService;
import dev.dcf.handler.job.TestJobs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class LiveLogsTests {

	private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

	private final JobService jobs = mock(JobService.class);

	private final List<String> requests = new CopyOnWriteArrayList<>();

	private final LiveLogs logs = new LiveLogs(this.jobs,
			(agent, job, run, index, tail, lease) -> this.requests.add(
					agent + " " + job + " run " + run + " #" + index + " tail " + tail + " lease " + lease.toSeconds()),
			new LiveLogProperties(Duration.ofMinutes(10), Duration.ofSeconds(30), Duration.ofSeconds(10), 5, 3));

	@AfterEach
	void stop() {
		this.logs.stop();
	}

	@Test
	void theFirstViewerAsksTheAgentToFollowWithTheTailAndOthersOnlyJoin() {
		Job job = running("job-1", 2);
		Viewer first = new Viewer();
		Viewer second = new Viewer();

		this.logs.watch(job.getId(), 1, 50, first);
		this.logs.watch(job.getId(), 1, 10, second);

		assertThat(this.requests).containsExactly("agent-1 " + job.getId() + " run 1 #1 tail 50 lease 30");
	}

	@Test
	void batchesReachEveryViewerInOrderAndALateViewerGetsTheNewestLinesFirst() {
		Job job = running("job-1", 1);
		Viewer early = new Viewer();
		this.logs.watch(job.getId(), 0, 100, early);
		this.logs.accept(batch(job, 1, List.of("a", "b", "c"), 0, false));
		this.logs.accept(batch(job, 1, List.of("d", "e", "f", "g"), 2, false));
		await().until(() -> early.lines.size() == 7);

		Viewer late = new Viewer();
		this.logs.watch(job.getId(), 0, 3, late);
		this.logs.accept(batch(job, 1, List.of("h"), 0, false));

		await().untilAsserted(() -> {
			assertThat(early.lines).containsExactly("a", "b", "c", "d", "e", "f", "g", "h");
			assertThat(early.dropped).isEqualTo(2);
			assertThat(late.lines).containsExactly("e", "f", "g", "h");
		});
	}

	@Test
	void anEndedFollowEndsItsViewersAndIsForgotten() {
		Job job = running("job-1", 1);
		Viewer viewer = new Viewer();
		this.logs.watch(job.getId(), 0, 100, viewer);
		this.logs.accept(batch(job, 1, List.of("last"), 0, true));

		await().until(() -> viewer.end != null);
		assertThat(viewer.lines).containsExactly("last");
		assertThat(viewer.end).isEqualTo("the container stopped");

		this.logs.watch(job.getId(), 0, 100, new Viewer());
		assertThat(this.requests).hasSize(2);
	}

	@Test
	void batchesOfAnotherRunOrOfAContainerNobodyWatchesAreIgnored() {
		Job job = running("job-1", 2);
		Viewer viewer = new Viewer();
		this.logs.watch(job.getId(), 0, 100, viewer);
		this.logs.accept(batch(job, 7, List.of("old run"), 0, false));
		this.logs.accept(new LiveLogLines("agent-1", job.getId(), 1, 1, List.of("other container"), 0, false, null));
		this.logs.accept(batch(job, 1, List.of("mine"), 0, false));

		await().until(() -> !viewer.lines.isEmpty());
		assertThat(viewer.lines).containsExactly("mine");
	}

	@Test
	void leasesAreRenewedWhileSomeoneWatchesAndNoLongerOnceTheLastOneLeft() {
		Job job = running("job-1", 1);
		LiveLogs.Watch one = this.logs.watch(job.getId(), 0, 100, new Viewer());
		LiveLogs.Watch two = this.logs.watch(job.getId(), 0, 100, new Viewer());
		this.logs.renew();
		one.close();
		this.logs.renew();
		two.close();
		two.close();
		this.logs.renew();

		assertThat(this.requests).containsExactly("agent-1 " + job.getId() + " run 1 #0 tail 100 lease 30",
				"agent-1 " + job.getId() + " run 1 #0 tail 0 lease 30",
				"agent-1 " + job.getId() + " run 1 #0 tail 0 lease 30");
		assertThat(this.logs.viewers()).isZero();
	}

	@Test
	void aJobThatDoesNotRunOrAContainerItDoesNotHaveEndsTheViewerAtOnce() {
		Job created = TestJobs.job("alice", T0);
		given(this.jobs.get(created.getId())).willReturn(created);
		Viewer notRunning = new Viewer();
		this.logs.watch(created.getId(), 0, 100, notRunning);
		assertThat(notRunning.end).startsWith("the job is not running (");

		Job job = running("job-1", 2);
		Viewer noSuchContainer = new Viewer();
		this.logs.watch(job.getId(), 2, 100, noSuchContainer);
		assertThat(noSuchContainer.end).isEqualTo("the job has no container 2 (it runs 2)");
		assertThat(this.requests).isEmpty();
		assertThat(this.logs.viewers()).isZero();
	}

	@Test
	void viewersBeyondTheMaximumAreRefused() {
		Job job = running("job-1", 1);
		for (int i = 0; i < 3; i++) {
			this.logs.watch(job.getId(), 0, 0, new Viewer());
		}
		assertThatExceptionOfType(TooManyViewersException.class)
			.isThrownBy(() -> this.logs.watch(job.getId(), 0, 0, new Viewer()));
		assertThat(this.logs.viewers()).isEqualTo(3);
	}

	@Test
	void aViewerWhoseStreamFailsIsDroppedAndTheOthersGoOn() {
		Job job = running("job-1", 1);
		Viewer healthy = new Viewer();
		Viewer broken = new Viewer();
		broken.failing = true;
		this.logs.watch(job.getId(), 0, 0, broken);
		this.logs.watch(job.getId(), 0, 0, healthy);
		this.logs.accept(batch(job, 1, List.of("one"), 0, false));
		this.logs.accept(batch(job, 1, List.of("two"), 0, false));

		await().until(() -> healthy.lines.size() == 2);
		assertThat(broken.calls).isEqualTo(1);
	}

	private Job running(String name, int containers) {
		Job job = TestJobs.job(TestJobs.request().name(name).containers(containers).build(), "alice", T0);
		job.start("started", T0);
		job.assignTo("agent-1", T0);
		job.markRunning(T0);
		given(this.jobs.get(job.getId())).willReturn(job);
		return job;
	}

	private static LiveLogLines batch(Job job, int run, List<String> lines, long dropped, boolean ended) {
		return new LiveLogLines("agent-1", job.getId(), run, 0, lines, dropped, ended,
				ended ? "the container stopped" : null);
	}

	static final class Viewer implements LogViewer {

		final List<String> lines = new CopyOnWriteArrayList<>();

		volatile long dropped;

		volatile String end;

		volatile boolean failing;

		volatile int calls;

		@Override
		public void lines(List<String> lines) {
			this.calls++;
			if (this.failing) {
				throw new IllegalStateException("the client went away");
			}
			this.lines.addAll(new ArrayList<>(lines));
		}

		@Override
		public void dropped(long count) {
			this.dropped += count;
		}

		@Override
		public void end(String reason) {
			this.end = reason;
		}

	}

}
