package dev.dcf.handler.liveness;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.dcf.handler.agent.AgentCheck;
import dev.dcf.handler.agent.AgentRepository;
import dev.dcf.handler.agent.AgentService;
import dev.dcf.handler.agent.AgentState;
import dev.dcf.handler.agent.TestAgents;
import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobEvent;
import dev.dcf.handler.job.JobRepository;
import dev.dcf.handler.job.JobState;
import dev.dcf.handler.job.TestJobs;
import dev.dcf.handler.system.Leadership;
import dev.dcf.testsupport.MutableClock;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Liveness on the real database with the time passed in: the handler sees heartbeats from
 * {@code T0} on (unless a test says otherwise), the timeout is 20 s.
 */
@DataJpaTest(showSql = false)
@Import(AgentService.class)
class AgentLivenessTests {

	private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final Duration RESTART_GRACE = Duration.ofSeconds(60);

	private static final LivenessProperties PROPERTIES = new LivenessProperties(TIMEOUT, Duration.ofSeconds(1), 20,
			Duration.ofMinutes(5), RESTART_GRACE);

	private static final Optional<String> SEEING = Optional.empty();

	private static final Optional<String> BLIND = Optional.of("Kafka does not answer");

	@Autowired
	AgentService agentService;

	@Autowired
	AgentRepository agents;

	@Autowired
	JobRepository jobs;

	private final LivenessStatus status = new LivenessStatus();

	private AgentLiveness liveness;

	@BeforeEach
	void liveness() {
		this.liveness = new AgentLiveness(this.agents, this.jobs, PROPERTIES, this.status);
	}

	@Test
	void nobodyIsLostDuringOneTimeoutAfterTheHandlerFirstSeesHeartbeats() {
		String agent = heardAt(T0.minusSeconds(600));

		assertThat(this.liveness.check(SEEING, T0)).isEmpty();
		assertThat(this.liveness.check(SEEING, T0.plusSeconds(19))).isEmpty();

		assertThat(status(agent)).isEqualTo(AgentState.HEALTHY);
		assertThat(this.liveness.check(SEEING, T0.plusSeconds(21))).containsExactly(agent);
	}

	@Test
	void nobodyIsLostWhileTheHandlerCannotSeeHeartbeats() {
		String agent = heardAt(T0.minusSeconds(600));
		Job running = job(agent, JobState.RUNNING);

		for (int second = 0; second <= 120; second += 10) {
			assertThat(this.liveness.check(BLIND, T0.plusSeconds(second))).isEmpty();
		}

		assertThat(status(agent)).isEqualTo(AgentState.HEALTHY);
		assertThat(state(running)).isEqualTo(JobState.RUNNING);
		assertThat(this.status.snapshot().isBlind()).isTrue();
		assertThat(this.status.snapshot().blindness()).isEqualTo("Kafka does not answer");
	}

	@Test
	void afterEveryBlindPeriodTheAgentsGetAFreshGraceFromTheMomentTheHandlerSeesAgain() {
		String agent = heardAt(T0.plusSeconds(1));
		this.liveness.check(SEEING, T0);
		this.liveness.check(BLIND, T0.plusSeconds(5));
		// blind for a minute: the agent's last heartbeat is long past the timeout
		this.liveness.check(BLIND, T0.plusSeconds(65));

		assertThat(this.liveness.check(SEEING, T0.plusSeconds(66))).isEmpty();
		assertThat(this.status.snapshot().seeingSince()).isEqualTo(T0.plusSeconds(66));
		assertThat(this.liveness.check(SEEING, T0.plusSeconds(86))).isEmpty();

		assertThat(this.liveness.check(SEEING, T0.plusSeconds(87))).containsExactly(agent);
	}

	@Test
	void anAgentSilentForLongerThanTheTimeoutIsLostWithItsActiveJobs() {
		this.liveness.check(SEEING, T0);
		String silent = heardAt(T0.plusSeconds(5));
		String alive = heardAt(T0.plusSeconds(30));
		Job running = job(silent, JobState.RUNNING);
		Job stopping = job(silent, JobState.STOPPING);
		Job completed = job(silent, JobState.COMPLETED);
		Job elsewhere = job(alive, JobState.RUNNING);
		Instant now = T0.plusSeconds(26);

		assertThat(this.liveness.check(SEEING, now)).containsExactly(silent);

		assertThat(status(silent)).isEqualTo(AgentState.LOST);
		assertThat(status(alive)).isEqualTo(AgentState.HEALTHY);
		Job lost = this.jobs.findById(running.getId()).orElseThrow();
		assertThat(lost.getState()).isEqualTo(JobState.LOST);
		assertThat(lost.getEvents().get(lost.getEvents().size() - 2).reason()).isEqualTo(
				"agent " + silent + " stopped heartbeating (last heartbeat " + T0.plusSeconds(5) + ", timeout 20 s)");
		assertThat(lost.getRun().getFinishedAt()).isEqualTo(now);
		assertThat(lost.isResumable()).as("a lost run keeps its agent, so it can resume").isTrue();
		assertThat(state(stopping)).isEqualTo(JobState.LOST);
		assertThat(state(completed)).isEqualTo(JobState.COMPLETED);
		assertThat(state(elsewhere)).isEqualTo(JobState.RUNNING);
	}

	@Test
	void aRunningJobWhosePolicyIsReplaceStartsANewRunElsewhereWhenItsAgentIsLost() {
		this.liveness.check(SEEING, T0);
		String silent = heardAt(T0.plusSeconds(5));
		heardAt(T0.plusSeconds(25));
		Job replaced = job(silent, JobState.RUNNING, TestJobs.request());
		Job stopping = job(silent, JobState.STOPPING, TestJobs.request());

		assertThat(this.liveness.check(SEEING, T0.plusSeconds(26))).containsExactly(silent);

		Job job = this.jobs.findById(replaced.getId()).orElseThrow();
		assertThat(job.getState()).isEqualTo(JobState.DEPLOYING);
		assertThat(job.getRunNumber()).isEqualTo(2);
		assertThat(job.getAgentId()).as("placement picks another agent").isNull();
		assertThat(job.getRun().getStartedAt()).as("the duration counts from the first run").isEqualTo(T0);
		assertThat(job.getEvents()).extracting(JobEvent::to).endsWith(JobState.LOST, JobState.DEPLOYING);
		assertThat(lastEvent(job).reason()).isEqualTo("agent " + silent + " is LOST: run 1 replaced by run 2");
		assertThat(state(stopping)).as("a stopping job is not started again").isEqualTo(JobState.LOST);
	}

	@Test
	void anExclusiveJobIsReplacedOnlyAfterItsAgentHasBeenLostLongEnough() {
		this.liveness.check(SEEING, T0);
		String silent = heardAt(T0.plusSeconds(5));
		heardAt(T0.plusSeconds(25));
		Job exclusive = job(silent, JobState.RUNNING, TestJobs.request().exclusive(true));

		this.liveness.check(SEEING, T0.plusSeconds(26));
		assertThat(state(exclusive)).isEqualTo(JobState.LOST);
		assertThat(lastEvent(exclusive).reason()).startsWith("exclusive: run 1 is replaced once its containers");

		heardAt(T0.plusSeconds(300));
		this.liveness.check(SEEING, T0.plusSeconds(300));
		assertThat(state(exclusive)).isEqualTo(JobState.LOST);
		this.liveness.check(SEEING, T0.plusSeconds(327));
		Job job = this.jobs.findById(exclusive.getId()).orElseThrow();
		assertThat(job.getState()).isEqualTo(JobState.DEPLOYING);
		assertThat(job.getRunNumber()).isEqualTo(2);
		assertThat(job.getStateReason())
			.isEqualTo("agent " + silent + " has been LOST for longer than 300 s: run 1 replaced by run 2");
	}

	@Test
	void aJobWhosePolicyIsWaitStaysLostAndSaysSo() {
		this.liveness.check(SEEING, T0);
		String silent = heardAt(T0.plusSeconds(5));
		Job waiting = job(silent, JobState.RUNNING);

		this.liveness.check(SEEING, T0.plusSeconds(26));

		assertThat(state(waiting)).isEqualTo(JobState.LOST);
		assertThat(lastEvent(waiting).reason()).isEqualTo("waiting for agent " + silent + " to return (policy: wait)");
	}

	@Test
	void anAgentHeardWithinTheTimeoutStaysAndALostOneIsNotLostTwice() {
		this.liveness.check(SEEING, T0);
		String agent = heardAt(T0.plusSeconds(10));

		assertThat(this.liveness.check(SEEING, T0.plusSeconds(30))).isEmpty();
		assertThat(this.liveness.check(SEEING, T0.plusSeconds(31))).containsExactly(agent);
		assertThat(this.liveness.check(SEEING, T0.plusSeconds(40))).isEmpty();
	}

	@Test
	void whenMostAgentsFallSilentAtOnceTheBrakeHoldsThemAndTellsTheirJobs() {
		this.liveness.check(SEEING, T0);
		String first = heardAt(T0.plusSeconds(5));
		String second = heardAt(T0.plusSeconds(6));
		heardAt(T0.plusSeconds(27));
		Job running = job(first, JobState.RUNNING);

		assertThat(this.liveness.check(SEEING, T0.plusSeconds(28))).isEmpty();

		assertThat(status(first)).isEqualTo(AgentState.HEALTHY);
		assertThat(status(second)).isEqualTo(AgentState.HEALTHY);
		assertThat(this.status.snapshot().held()).containsExactlyInAnyOrder(first, second);
		assertThat(this.status.snapshot().alarm()).startsWith("most agents fell silent at once (held: ");
		assertThat(state(running)).isEqualTo(JobState.RUNNING);
		assertThat(lastEvent(running).reason()).startsWith("agent " + first + " fell silent together with 1 other");
		assertThat(lastEvent(running).from()).isEqualTo(JobState.RUNNING);
		assertThat(lastEvent(running).to()).isEqualTo(JobState.RUNNING);
		// held for as long as they stay silent together
		assertThat(this.liveness.check(SEEING, T0.plusSeconds(45))).isEmpty();
		assertThat(this.status.snapshot().held()).containsExactlyInAnyOrder(first, second);
	}

	@Test
	void agentsFrozenTogetherAreHeldAlthoughTheyCrossTheTimeoutInDifferentRounds() {
		this.liveness.check(SEEING, T0);
		// last heartbeats 1.3 s apart, as when two agents are frozen at the same moment
		String first = heardAt(T0.plusMillis(5000));
		String second = heardAt(T0.plusMillis(6300));

		assertThat(this.liveness.check(SEEING, T0.plusMillis(25500))).as("only the first past the timeout").isEmpty();
		assertThat(this.status.snapshot().held()).containsExactly(first);
		assertThat(this.liveness.check(SEEING, T0.plusMillis(26500))).isEmpty();
		assertThat(this.status.snapshot().held()).containsExactlyInAnyOrder(first, second);
		assertThat(status(first)).isEqualTo(AgentState.HEALTHY);
	}

	@Test
	void theBrakeLiftsWhenHeartbeatsReturnAndALoneSilentAgentGetsTheTimeoutAfreshThenIsLost() {
		this.liveness.check(SEEING, T0);
		String back = heardAt(T0.plusSeconds(5));
		String gone = heardAt(T0.plusSeconds(5));
		this.liveness.check(SEEING, T0.plusSeconds(30));
		assertThat(this.status.snapshot().isBrakeEngaged()).isTrue();

		this.agentService.recordHeartbeat(TestAgents.healthy(back, 2, T0.plusSeconds(31)), T0.plusSeconds(31));

		// agents frozen together come back one after the other: the second is not LOST
		// for being a moment later than the first
		assertThat(this.liveness.check(SEEING, T0.plusSeconds(32))).isEmpty();
		assertThat(this.status.snapshot().isBrakeEngaged()).isFalse();
		assertThat(this.status.snapshot().alarm()).isNull();
		assertThat(status(back)).isEqualTo(AgentState.HEALTHY);
		assertThat(status(gone)).isEqualTo(AgentState.HEALTHY);
		this.agentService.recordHeartbeat(TestAgents.healthy(back, 3, T0.plusSeconds(50)), T0.plusSeconds(50));
		assertThat(this.liveness.check(SEEING, T0.plusSeconds(51))).as("within the fresh timeout").isEmpty();
		assertThat(this.liveness.check(SEEING, T0.plusSeconds(53))).as("past it").containsExactly(gone);
	}

	@Test
	void oneSilentAgentOfTwoIsLostButBothSilentAreHeld() {
		this.liveness.check(SEEING, T0);
		String silent = heardAt(T0.plusSeconds(5));
		String alive = heardAt(T0.plusSeconds(29));
		assertThat(this.liveness.check(SEEING, T0.plusSeconds(30))).containsExactly(silent);

		String other = heardAt(T0.plusSeconds(29));
		assertThat(this.liveness.check(SEEING, T0.plusSeconds(55))).isEmpty();
		assertThat(this.status.snapshot().held()).containsExactlyInAnyOrder(alive, other);
	}

	@Test
	void agentsThatSaidTheyAreStoppingAreLostAfterTheRestartGraceWithoutEngagingTheBrake() {
		this.liveness.check(SEEING, T0);
		String first = stoppingAt(T0.plusSeconds(5));
		String second = stoppingAt(T0.plusSeconds(5));
		Job running = job(first, JobState.RUNNING);
		String other = heardAt(T0.plusSeconds(29));

		assertThat(this.liveness.check(SEEING, T0.plusSeconds(30))).as("past the timeout, within the grace").isEmpty();
		assertThat(state(running)).isEqualTo(JobState.RUNNING);
		this.agentService.recordHeartbeat(TestAgents.healthy(other, 2, T0.plusSeconds(64)), T0.plusSeconds(64));
		assertThat(this.liveness.check(SEEING, T0.plusSeconds(66))).containsExactlyInAnyOrder(first, second);
		assertThat(this.status.snapshot().isBrakeEngaged()).isFalse();
		assertThat(this.jobs.findById(running.getId()).orElseThrow().getStateReason())
			.contains("it said it was stopping; restart grace 60 s");
	}

	@Test
	void anAdministratorConfirmsTheLossOfAHeldAgentAndItsJobsAreLost() {
		this.liveness.check(SEEING, T0);
		String first = heardAt(T0.plusSeconds(5));
		heardAt(T0.plusSeconds(5));
		Job running = job(first, JobState.RUNNING);
		this.liveness.check(SEEING, T0.plusSeconds(30));

		assertThat(this.liveness.confirmLoss(first, "admin", T0.plusSeconds(31))).isTrue();

		assertThat(status(first)).isEqualTo(AgentState.LOST);
		Job lost = this.jobs.findById(running.getId()).orElseThrow();
		assertThat(lost.getState()).isEqualTo(JobState.LOST);
		assertThat(lost.getStateReason()).startsWith("loss of agent " + first + " confirmed by admin");
		assertThat(this.liveness.confirmLoss(first, "admin", T0.plusSeconds(32))).as("repeated: no-op").isFalse();
	}

	@Test
	void theLossOfAnAgentThatIsStillHeardCannotBeConfirmed() {
		String agent = heardAt(T0.plusSeconds(5));

		assertThatExceptionOfType(NoLossToConfirmException.class)
			.isThrownBy(() -> this.liveness.confirmLoss(agent, "admin", T0.plusSeconds(10)))
			.withMessageContaining("there is no loss to confirm");
		assertThat(status(agent)).isEqualTo(AgentState.HEALTHY);
	}

	private AgentState status(String agent) {
		return this.agents.findById(agent).orElseThrow().getStatus();
	}

	private JobState state(Job job) {
		return this.jobs.findById(job.getId()).orElseThrow().getState();
	}

	private JobEvent lastEvent(Job job) {
		List<JobEvent> events = this.jobs.findById(job.getId()).orElseThrow().getEvents();
		return events.get(events.size() - 1);
	}

	@Test
	void aFollowerDeclaresNobodyLostHoweverLongAnAgentIsSilentButKeepsItsSightCurrent() {
		String agent = heardAt(T0.minusSeconds(600));
		SettableLeadership leadership = new SettableLeadership();
		LivenessCheck.Round round = round(leadership, T0.plusSeconds(60));

		round.run();

		assertThat(status(agent)).isEqualTo(AgentState.HEALTHY);
		assertThat(this.status.snapshot().seeingSince()).isEqualTo(T0.plusSeconds(60));
	}

	@Test
	void aHandlerThatTakesOverGivesEveryAgentTheFullTimeoutFromTheTakeover() {
		String agent = heardAt(T0.minusSeconds(600));
		SettableLeadership leadership = new SettableLeadership();
		// a follower that has seen heartbeats for a minute
		round(leadership, T0).run();

		leadership.leader = true;
		leadership.term = 1;
		round(leadership, T0.plusSeconds(60)).run();
		assertThat(status(agent)).isEqualTo(AgentState.HEALTHY);
		this.liveness.check(SEEING, T0.plusSeconds(79));
		assertThat(status(agent)).isEqualTo(AgentState.HEALTHY);

		assertThat(this.liveness.check(SEEING, T0.plusSeconds(81))).containsExactly(agent);
	}

	@Test
	void aLeaderWhoseChecksStalledThroughAShortDatabaseOutageGivesEveryAgentTheFullTimeoutAfterIt() {
		MutableClock clock = new MutableClock(T0);
		SettableLeadership leadership = new SettableLeadership();
		leadership.leader = true;
		leadership.term = 1;
		LivenessCheck.Round round = new LivenessCheck.Round(this.liveness, () -> SEEING, this.status, clock, leadership,
				LivenessCheck.Round.maxGap(PROPERTIES));
		String agent = heardAt(T0.plusSeconds(30));
		for (int second = 0; second <= 40; second++) {
			clock.set(T0.plusSeconds(second));
			round.run();
		}

		// the next round began 24 s later (it waited for a database connection), and
		// the heartbeats that waited with it are not applied yet
		clock.set(T0.plusSeconds(64));
		round.run();
		assertThat(status(agent)).isEqualTo(AgentState.HEALTHY);
		assertThat(this.status.snapshot().seeingSince()).isEqualTo(T0.plusSeconds(64));

		// gaps shorter than half the timeout are still watching: the timeout runs from
		// the long gap's end
		for (int second = 73; second <= 82; second += 9) {
			clock.set(T0.plusSeconds(second));
			round.run();
		}
		assertThat(status(agent)).isEqualTo(AgentState.HEALTHY);
		clock.set(T0.plusSeconds(88));
		round.run();
		assertThat(status(agent)).isEqualTo(AgentState.LOST);
	}

	private LivenessCheck.Round round(SettableLeadership leadership, Instant now) {
		return new LivenessCheck.Round(this.liveness, () -> SEEING, this.status, Clock.fixed(now, ZoneOffset.UTC),
				leadership, LivenessCheck.Round.maxGap(PROPERTIES));
	}

	private static final class SettableLeadership implements Leadership {

		boolean leader;

		long term;

		@Override
		public boolean isLeader() {
			return this.leader;
		}

		@Override
		public long term() {
			return this.term;
		}

		@Override
		public void whenLeading(Runnable action) {
		}

	}

	private String heardAt(Instant at) {
		String id = "a-" + UUID.randomUUID().toString().substring(0, 8);
		this.agentService.recordHeartbeat(TestAgents.healthy(id, 1, at), at);
		return id;
	}

	private String stoppingAt(Instant at) {
		String id = "s-" + UUID.randomUUID().toString().substring(0, 8);
		this.agentService.recordHeartbeat(
				TestAgents.heartbeat(id, 1, at, AgentState.STOPPING, List.of(new AgentCheck("docker", true, null))),
				at);
		return id;
	}

	private Job job(String agentId, JobState state) {
		return job(agentId, state, TestJobs.request().onAgentLost("wait"));
	}

	private Job job(String agentId, JobState state, TestJobs.Request request) {
		Job job = TestJobs.job(request.build(), "alice", T0);
		job.start("started", T0);
		job.assignTo(agentId, T0);
		if (state != JobState.DEPLOYING) {
			job.markRunning(T0);
		}
		if (state == JobState.STOPPING) {
			job.requestStop("stopped", T0);
		}
		if (state == JobState.COMPLETED) {
			job.complete("done", T0);
		}
		return this.jobs.save(job);
	}

}
