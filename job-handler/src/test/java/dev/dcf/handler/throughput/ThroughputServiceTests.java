package dev.dcf.handler.throughput;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobState;
import dev.dcf.handler.job.RunningJobs;
import dev.dcf.handler.job.TestJobs;
import dev.dcf.handler.run.RunService;
import dev.dcf.handler.system.Leadership;
import dev.dcf.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

/**
 * The rounds of the sampler, on a fake broker port: the running jobs come from a stubbed
 * {@link RunningJobs}, whose changes (stop, note) are checked as calls.
 */
class ThroughputServiceTests {

	private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");

	private final MutableClock clock = new MutableClock(T0);

	private final Map<String, TopicSample> broker = new HashMap<>();

	private boolean leader = true;

	private final List<Object> events = new ArrayList<>();

	private final RunningJobs jobs = mock(RunningJobs.class);

	private final RunService runs = mock(RunService.class);

	private final ThroughputService service = new ThroughputService((topics) -> {
		Map<String, TopicSample> answer = new HashMap<>(this.broker);
		answer.keySet().retainAll(topics);
		return answer;
	}, this.jobs, this.runs, new ThroughputProperties(Duration.ofSeconds(2), Duration.ofMinutes(10),
			Duration.ofSeconds(30), 10, Duration.ofSeconds(2)), this.events::add, this.clock, new Leadership() {

				@Override
				public boolean isLeader() {
					return ThroughputServiceTests.this.leader;
				}

				@Override
				public long term() {
					return 1;
				}

				@Override
				public void whenLeading(Runnable action) {
				}

			});

	@Test
	void eachRoundAddsAPointPerRunningJobAndPublishesTheRatesAndTheirSum() {
		Job a = running(TestJobs.request().topic("a").build(), 0);
		Job b = running(TestJobs.request().topic("b").build(), 0);
		given(this.jobs.list()).willReturn(List.of(a, b));

		round(Map.of("a", 0L, "b", 0L));
		round(Map.of("a", 200L, "b", 50L));

		assertThat(this.service.currentRates()).containsEntry(a.getId(), 100.0).containsEntry(b.getId(), 25.0);
		assertThat(this.service.totalRate()).isEqualTo(125.0);
		ThroughputSampled last = (ThroughputSampled) this.events.get(this.events.size() - 1);
		assertThat(last.points()).containsOnlyKeys(a.getId(), b.getId());
		assertThat(last.totalRecordsPerSecond()).isEqualTo(125.0);
		assertThat(this.service.of(a.getId())).get().satisfies((view) -> {
			assertThat(view.active()).isTrue();
			assertThat(view.points()).hasSize(1);
		});
	}

	@Test
	void aJobThatLeftRunningKeepsItsLastSeriesAsEndedAndItsRunGetsThePeak() {
		Job a = running(TestJobs.request().topic("a").build(), 0);
		given(this.jobs.list()).willReturn(List.of(a));
		round(Map.of("a", 0L));
		round(Map.of("a", 100L));

		given(this.jobs.list()).willReturn(List.of());
		round(Map.of());

		assertThat(this.service.currentRates()).isEmpty();
		assertThat(this.service.of(a.getId(), 1)).get().satisfies((view) -> {
			assertThat(view.active()).isFalse();
			assertThat(view.records()).isEqualTo(100);
		});
		then(this.runs).should().measured(a.getId(), 1, null, 50.0);
	}

	@Test
	void aRunWhoseSamplesSawNoneOfItsRecordsLeavesItsBytesAndPeakUnknown() {
		Job a = running(TestJobs.request().topic("a").build(), 0);
		given(this.jobs.list()).willReturn(List.of(a));
		round(Map.of("a", 30L));
		round(Map.of("a", 30L));

		given(this.jobs.list()).willReturn(List.of());
		round(Map.of());

		then(this.runs).should(never()).measured(anyString(), anyInt(), any(), any());
	}

	@Test
	void theBrokersCountReachingTheRecordLimitStopsTheJob() {
		Job job = running(TestJobs.request().topic("a").maxRecords(500L).build(), 1000);
		given(this.jobs.list()).willReturn(List.of(job));

		round(Map.of("a", 1499L));
		then(this.jobs).should(never()).recordsCounted(anyString(), anyInt(), anyLong());

		round(Map.of("a", 1503L));
		then(this.jobs).should().recordsCounted(job.getId(), 1, 503);
	}

	@Test
	void aFollowerSamplesButLeavesTheRecordLimitToTheLeader() {
		Job job = running(TestJobs.request().topic("a").maxRecords(500L).build(), 1000);
		given(this.jobs.list()).willReturn(List.of(job));
		this.leader = false;

		round(Map.of("a", 1000L));
		round(Map.of("a", 1503L));

		assertThat(this.service.currentRates()).containsEntry(job.getId(), 251.5);
		then(this.jobs).should(never()).recordsCounted(anyString(), anyInt(), anyLong());
	}

	@Test
	void aRateUnderNinetyPercentOfTheTargetForThirtySecondsIsNotedOnce() {
		Job job = running(TestJobs.request().topic("a").targetRate(200.0).build(), 0);
		given(this.jobs.list()).willReturn(List.of(job));
		long records = 0;
		round(Map.of("a", records));
		for (int i = 0; i < 20; i++) {
			records += 2 * 150;
			round(Map.of("a", records));
		}

		then(this.jobs).should()
			.note(eq(job.getId()), eq(1), contains("has stayed under 90 % of the target 200 records/s for 30 s"));
	}

	@Test
	void aRateAtTheTargetIsNeverNoted() {
		Job job = running(TestJobs.request().topic("a").targetRate(200.0).build(), 0);
		given(this.jobs.list()).willReturn(List.of(job));
		long records = 0;
		round(Map.of("a", records));
		for (int i = 0; i < 30; i++) {
			records += 2 * 190;
			round(Map.of("a", records));
		}

		then(this.jobs).should(never()).note(anyString(), anyInt(), anyString());
	}

	@Test
	void aTopicTheBrokerDidNotAnswerForIsSkippedThatRound() {
		Job job = running(TestJobs.request().topic("a").build(), 0);
		given(this.jobs.list()).willReturn(List.of(job));

		round(Map.of());

		assertThat(this.service.of(job.getId())).get().satisfies((view) -> assertThat(view.points()).isEmpty());
	}

	private void round(Map<String, Long> endOffsets) {
		this.broker.clear();
		endOffsets.forEach((topic, records) -> this.broker.put(topic, new TopicSample(records, null)));
		this.service.round();
		this.clock.advance(Duration.ofSeconds(2));
	}

	private Job running(dev.dcf.handler.job.JobRequest request, long endOffsetsAtRunning) {
		Job job = TestJobs.job(request, "alice", T0);
		job.start("started", T0);
		job.assignTo("agent-1", T0);
		job.markRunning(T0);
		job.recordRunStartOffsets(endOffsetsAtRunning);
		assertThat(job.getState()).isEqualTo(JobState.RUNNING);
		return job;
	}

}
