package dev.dcf.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.dcf.faults.Checker.Findings;
import dev.dcf.faults.DockerView.ManagedContainer;
import dev.dcf.faults.HandlerApi.Health;
import dev.dcf.faults.Scenario.Fault;
import dev.dcf.testsupport.RequiresDocker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The fault suite: real processes (broker, registry, PostgreSQL, handler, two agents, a
 * second Docker daemon), one fault per scenario, in a fixed order, one environment for
 * all. Two baseline jobs (two generator containers each, one per agent) run through all
 * scenarios; a scenario that loses one replaces it. After each scenario the checker
 * compares the handler's view with Docker's, and a row goes into
 * {@code target/fault-suite/table.md}.
 * <p>
 * One scenario alone: {@code -Dit.test=FaultSuiteIT#<method>} or
 * {@code -Dfaults.only=<method>[,<method>...]}.
 */
@RequiresDocker
@ExtendWith(ToolsCondition.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteIT {

	private static final Duration RUNNING_TIMEOUT = Duration.ofSeconds(90);

	private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(90);

	/**
	 * The handler's agent timeout in the suite; the faults below are sized against it.
	 */
	private static final Duration TIMEOUT = FaultEnvironment.AGENT_TIMEOUT;

	private static final Duration HEARTBEAT = FaultEnvironment.HEARTBEAT_INTERVAL;

	/** A fault nobody may be declared LOST for: twice the agent timeout. */
	private static final Duration OUTAGE = FaultEnvironment.OUTAGE;

	/**
	 * The database outage of scenario 4: longer than Hikari's connection timeout (30 s),
	 * so that the handler's heartbeat listener and liveness check get the database error
	 * and the handler turns blind.
	 */
	private static final Duration DATABASE_OUTAGE = Duration.ofSeconds(40);

	/**
	 * The database outage of scenario 15: longer than the agent timeout, shorter than
	 * Hikari's connection timeout, so nothing gets an error: the listener and the
	 * liveness check only wait for a connection, and the check that waited must not judge
	 * agents whose heartbeats waited with it.
	 */
	private static final Duration SHORT_DATABASE_OUTAGE = Duration.ofSeconds(24);

	/**
	 * By when, from the fault, the job of a lost agent must run on the other one: the
	 * timeout, the replacement and a margin. Such an agent stays silent for
	 * {@link #OUTAGE}, or until its job runs elsewhere if that takes longer.
	 */
	private static final Duration REPLACED_WITHIN = TIMEOUT.multipliedBy(5).dividedBy(2);

	/**
	 * The agent's stop-after-disconnect in scenario 14: the agent timeout, as with the
	 * defaults' proportions (20 s / 20 s) before the suite was shortened.
	 */
	private static final Duration STOP_AFTER_DISCONNECT = TIMEOUT;

	/**
	 * The duration of the job of scenario 11: the handler is killed as soon as it runs,
	 * so this only has to outlast the kill.
	 */
	private static final long DEADLINE_DURATION = 10;

	private static FaultEnvironment env;

	/** The long-running job of each agent, shared by the scenarios. */
	private static String baseline1;

	private static String baseline2;

	@BeforeAll
	static void startEnvironment() {
		env = FaultEnvironment.start();
	}

	@AfterAll
	static void stopEnvironment() {
		try {
			System.out.println(ScenarioResult.writeTable(FaultEnvironment.LOGS.resolve("table.md")));
		}
		finally {
			if (env != null) {
				env.close();
			}
		}
	}

	@Test
	@Order(1)
	void brokerKilledTwiceTheAgentTimeoutLosesNothingAndAppliesWhatWasAskedMeanwhile(TestInfo test) throws Throwable {
		scenario(test, "1 broker killed", (s) -> {
			String toStop = s.job("broker-stopped-meanwhile", env.agent1);
			s.awaitRunning(RUNNING_TIMEOUT, baseline1, baseline2, toStop);
			Map<String, Set<String>> before = s.containerIds(baseline1, baseline2);
			Fault fault = s.inject("broker kill -9, restarted after " + seconds(OUTAGE), env.broker::kill,
					env.broker::start);
			// the REST calls only write the database; the instructions go out after
			env.api.stop(toStop);
			String late = s.job("broker-submitted-meanwhile", env.agent2);
			s.holdUntil(fault, OUTAGE);
			fault.remove();
			s.awaitRecovered(RECOVERY_TIMEOUT, () -> {
				s.assertRunning(baseline1, baseline2, late);
				s.assertState(toStop, "COMPLETED");
				s.assertAgentsHealthy();
			});
			assertThat(s.containerIds(baseline1, baseline2)).as("containers of the baseline jobs").isEqualTo(before);
		});
	}

	@Test
	@Order(2)
	void handlerKilledPastTheAgentTimeoutLosesNothingAndFiresDueTriggersOnce(TestInfo test) throws Throwable {
		scenario(test, "2 handler killed", (s) -> {
			s.awaitRunning(RUNNING_TIMEOUT, baseline1, baseline2);
			Map<String, Set<String>> before = s.containerIds(baseline1, baseline2);
			String ending = s.job(withDuration(FaultEnvironment.generatorJob("handler-duration-ends", env.agent1), 10));
			s.awaitRunning(RUNNING_TIMEOUT, ending);
			String scheduled = s.job(startingAt(FaultEnvironment.generatorJob("handler-start-due", env.agent2),
					Instant.now().plusSeconds(8)));
			s.assertState(scheduled, "SCHEDULED");
			Fault fault = s.inject("handler kill -9, restarted after " + seconds(TIMEOUT), env.handler::kill,
					env.handler::start);
			// down for the timeout, plus its own start: the agents' last heartbeats it
			// knows are older than the timeout when it is back
			s.holdUntil(fault, TIMEOUT);
			fault.remove();
			s.awaitRecovered(RECOVERY_TIMEOUT, () -> {
				s.assertRunning(baseline1, baseline2, scheduled);
				s.assertState(ending, "COMPLETED");
				s.assertAgentsHealthy();
			});
			assertThat(s.containerIds(baseline1, baseline2)).as("containers of the baseline jobs").isEqualTo(before);
			assertThat(s.timesEntered(scheduled, "DEPLOYING")).as("start of the scheduled job fired").isEqualTo(1);
			assertThat(s.timesEntered(ending, "COMPLETED")).as("stop of the job whose duration ended").isEqualTo(1);
		});
	}

	@Test
	@Order(3)
	void handlerCutFromKafkaTwiceTheAgentTimeoutLosesNothingAndShowsDown(TestInfo test) throws Throwable {
		scenario(test, "3 handler cut from Kafka", (s) -> {
			s.awaitRunning(RUNNING_TIMEOUT, baseline1, baseline2);
			Map<String, Set<String>> before = s.containerIds(baseline1, baseline2);
			Fault fault = s.inject("proxy handler<->Kafka cut " + seconds(OUTAGE), env.proxy::cut, env.proxy::restore);
			await().alias("health DOWN while the handler is cut from Kafka")
				.atMost(OUTAGE.minusSeconds(2))
				.pollInterval(Duration.ofSeconds(1))
				.ignoreExceptions()
				.until(() -> !env.api.health().up());
			s.holdUntil(fault, OUTAGE);
			fault.remove();
			s.awaitRecovered(RECOVERY_TIMEOUT, () -> {
				s.assertRunning(baseline1, baseline2);
				s.assertAgentsHealthy();
				assertThat(env.api.health().status()).as("handler health").isEqualTo("UP");
			});
			assertThat(s.containerIds(baseline1, baseline2)).as("containers of the baseline jobs").isEqualTo(before);
		});
	}

	@Test
	@Order(4)
	void databaseStoppedTwiceTheAgentTimeoutLosesNoJobNorInstructionAndFiresTriggersAfter(TestInfo test)
			throws Throwable {
		scenario(test, "4 database stopped", (s) -> {
			s.awaitRunning(RUNNING_TIMEOUT, baseline1, baseline2);
			Map<String, Set<String>> before = s.containerIds(baseline1, baseline2);
			String ending = s.job(withDuration(FaultEnvironment.generatorJob("db-duration-ends", env.agent1), 10));
			s.awaitRunning(RUNNING_TIMEOUT, ending);
			String scheduled = s.job(startingAt(FaultEnvironment.generatorJob("db-start-due", env.agent2),
					Instant.now().plusSeconds(8)));
			Fault fault = s.inject("PostgreSQL stopped " + seconds(DATABASE_OUTAGE), env.postgres::stop,
					env.postgres::start);
			s.holdUntil(fault, DATABASE_OUTAGE);
			fault.remove();
			s.awaitRecovered(RECOVERY_TIMEOUT, () -> {
				s.assertRunning(baseline1, baseline2, scheduled);
				s.assertState(ending, "COMPLETED");
				s.assertAgentsHealthy();
			});
			assertThat(s.containerIds(baseline1, baseline2)).as("containers of the baseline jobs").isEqualTo(before);
			assertThat(s.timesEntered(scheduled, "DEPLOYING")).as("start of the scheduled job fired").isEqualTo(1);
			assertThat(s.timesEntered(ending, "COMPLETED")).as("stop of the job whose duration ended").isEqualTo(1);
		});
	}

	@Test
	@Order(5)
	void dockerDaemonFrozenTwiceTheAgentTimeoutKeepsHeartbeatsAndPlacesElsewhere(TestInfo test) throws Throwable {
		scenario(test, "5 docker daemon frozen", (s) -> {
			// a job too large for one instruction is refused, and nothing is stored
			int jobsBefore = env.api.jobs().size();
			HandlerApi.Answer oversized = env.api.tryCreate(oversized());
			assertThat(oversized.status()).as("answer to an oversized job: " + oversized.body()).isEqualTo(400);
			assertThat(oversized.body()).contains("max-instruction-size");
			assertThat(env.api.jobs()).as("jobs after the oversized one").hasSize(jobsBefore);
			// three jobs on agent 2 get their stop while its daemon is frozen: a stream
			// of instructions agent 2 cannot carry out must not hold back agent 1's
			List<String> stuck = List.of(s.job(oneContainer("stopped-while-frozen-1", env.agent2)),
					s.job(oneContainer("stopped-while-frozen-2", env.agent2)),
					s.job(oneContainer("stopped-while-frozen-3", env.agent2)));
			Instant referenceCreated = Instant.now();
			String reference = s.job(oneContainer("reference-before-freeze", env.agent1));
			s.awaitRunning(RUNNING_TIMEOUT, reference);
			s.measured("create to RUNNING on agent 1, before", Duration.between(referenceCreated, Instant.now()));
			s.awaitRunning(RUNNING_TIMEOUT, baseline1, baseline2);
			s.awaitRunning(RUNNING_TIMEOUT, stuck.toArray(String[]::new));
			Map<String, Set<String>> before = s.containerIds(baseline1, baseline2);
			Fault fault = s.inject("dockerd of agent 2 kill -STOP " + seconds(OUTAGE), env.dockerd2::freeze,
					env.dockerd2::thaw);
			await().alias("agent 2 UNHEALTHY while its daemon is frozen")
				.atMost(OUTAGE.minusSeconds(2))
				.pollInterval(Duration.ofMillis(500))
				.ignoreExceptions()
				.until(() -> "UNHEALTHY".equals(env.api.agent(env.agent2.id).get("status")));
			stuck.forEach(env.api::stop);
			Instant elsewhereCreated = Instant.now();
			String elsewhere = s.job("daemon-frozen-new-job", null);
			s.awaitRunning(RUNNING_TIMEOUT, elsewhere);
			s.measured("create to RUNNING on agent 1, after 3 stops to agent 2 (frozen daemon)",
					Duration.between(elsewhereCreated, Instant.now()));
			assertThat(env.api.job(elsewhere).get("agentId")).as("agent of the job submitted meanwhile")
				.isEqualTo(env.agent1.id);
			// heartbeats keep coming: a fresh one later than the agent timeout after the
			// daemon froze
			Instant pastTimeout = fault.injectedAt.plus(TIMEOUT).plus(HEARTBEAT);
			await().alias("a heartbeat of agent 2 " + seconds(TIMEOUT.plus(HEARTBEAT)) + " after its daemon froze")
				.atMost(Duration.between(Instant.now(), fault.injectedAt.plus(OUTAGE).minusSeconds(1)))
				.pollInterval(Duration.ofMillis(500))
				.ignoreExceptions()
				.until(() -> lastHeartbeat(env.agent2).isAfter(pastTimeout));
			s.holdUntil(fault, OUTAGE);
			fault.remove();
			s.awaitRecovered(RECOVERY_TIMEOUT, () -> {
				s.assertRunning(baseline1, baseline2, elsewhere);
				s.assertAgentsHealthy();
			});
			assertThat(s.containerIds(baseline1, baseline2)).as("containers of the baseline jobs").isEqualTo(before);
		});
	}

	@Test
	@Order(6)
	void agentKilledAndRestartedFiveTimesKeepsItsContainersRunning(TestInfo test) throws Throwable {
		scenario(test, "6 agent restarted 5x", (s) -> {
			s.awaitRunning(RUNNING_TIMEOUT, baseline1, baseline2);
			Map<String, Set<String>> before = s.containerIds(baseline1, baseline2);
			Fault fault = s.inject("agent 1 kill -9 + restart within 5 s, 5 times", () -> {
			}, env.agent1::start);
			Duration longestSilence = Duration.ZERO;
			for (int round = 1; round <= 5; round++) {
				Instant lastBefore = lastHeartbeat(env.agent1);
				Instant killed = Instant.now();
				env.agent1.kill();
				env.agent1.start();
				assertThat(Duration.between(killed, Instant.now())).as("restart " + round + " after the kill")
					.isLessThan(Duration.ofSeconds(5));
				// the next kill only once this agent is back: five short outages, not one
				Instant[] back = new Instant[1];
				await().alias("heartbeat of agent 1 after restart " + round)
					.atMost(Duration.ofSeconds(60))
					.pollInterval(Duration.ofMillis(200))
					.ignoreExceptions()
					.until(() -> {
						back[0] = lastHeartbeat(env.agent1);
						return back[0].isAfter(killed);
					});
				Duration silence = Duration.between(lastBefore, back[0]);
				longestSilence = (silence.compareTo(longestSilence) > 0) ? silence : longestSilence;
			}
			fault.remove();
			s.measured("longest silence of agent 1 as the handler saw it", longestSilence);
			boolean withinTimeout = longestSilence.compareTo(TIMEOUT.minus(HEARTBEAT)) < 0;
			if (!withinTimeout) {
				// A loaded machine can start the agent's JVM slower than the timeout
				// (13.8 s
				// once, against 3.5-4.6 s). Its job may then go LOST, and the checker
				// holds
				// that loss to the timeout; it must still come back with its containers.
				s.silences(env.agent1);
			}
			s.awaitRecovered(RECOVERY_TIMEOUT, () -> {
				s.assertRunning(baseline1, baseline2);
				s.assertAgentsHealthy();
			});
			assertThat(s.containerIds(baseline1, baseline2)).as("containers of the baseline jobs").isEqualTo(before);
			for (String container : before.get(baseline1)) {
				assertThat(env.docker1.restartCount(container)).as("Docker restart count of " + container).isZero();
			}
			if (withinTimeout) {
				assertThat(s.statesSeen(baseline1)).as("states of the job of agent 1 while it restarted")
					.containsOnly("RUNNING");
			}
			else {
				assertThat(s.statesSeen(baseline1)).as("states of the job of agent 1, silent " + longestSilence)
					.isSubsetOf("RUNNING", "LOST");
			}
		});
	}

	private static Instant lastHeartbeat(Agent agent) {
		return Instant.parse((String) env.api.agent(agent.id).get("lastHeartbeatAt"));
	}

	@Test
	@Order(7)
	void bothAgentsFrozenTwiceTheAgentTimeoutBrakesAndRaisesAnAlarm(TestInfo test) throws Throwable {
		scenario(test, "7 both agents frozen", (s) -> {
			s.awaitRunning(RUNNING_TIMEOUT, baseline1, baseline2);
			Map<String, Set<String>> before = s.containerIds(baseline1, baseline2);
			Fault fault = s.inject("both agents kill -STOP " + seconds(OUTAGE), () -> {
				env.agent1.freeze();
				env.agent2.freeze();
			}, () -> {
				env.agent1.thaw();
				env.agent2.thaw();
			});
			Health[] alarm = new Health[1];
			await().alias("health DOWN (the mass-silence alarm) while both agents are silent")
				.atMost(OUTAGE.minusSeconds(1))
				.pollInterval(Duration.ofSeconds(1))
				.ignoreExceptions()
				.until(() -> {
					alarm[0] = env.api.health();
					// the second agent is held a round after the first
					// (their last heartbeats differ)
					return "DOWN".equals(alarm[0].status()) && alarm[0].body().contains("fell silent at once")
							&& alarm[0].body().contains(env.agent1.id) && alarm[0].body().contains(env.agent2.id);
				});
			assertThat(alarm[0].body()).as("the alarm names the held agents")
				.contains("agentLiveness", "heldAgents", env.agent1.id, env.agent2.id);
			s.holdUntil(fault, OUTAGE);
			fault.remove();
			s.awaitRecovered(RECOVERY_TIMEOUT, () -> {
				s.assertRunning(baseline1, baseline2);
				s.assertAgentsHealthy();
				assertThat(env.api.health().status()).as("handler health (alarm gone)").isEqualTo("UP");
			});
			assertThat(s.containerIds(baseline1, baseline2)).as("containers of the baseline jobs").isEqualTo(before);
		});
	}

	@Test
	@Order(8)
	void errorInTheInstructionListenerMakesTheAgentUnhealthyOrExit(TestInfo test) throws Throwable {
		scenario(test, "8 Error in instruction listener", (s) -> {
			s.awaitRunning(RUNNING_TIMEOUT, baseline1, baseline2);
			Fault fault = s.inject("agent 1 restarted with dcf.agent.testing.error-on-instruction=true", () -> {
				env.agent1.kill();
				env.agent1.start("--dcf.agent.testing.error-on-instruction=true");
			}, () -> {
				env.agent1.kill();
				env.agent1.start();
			});
			Instant restarted = Instant.now();
			await().alias("agent 1 heartbeating again")
				.atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(500))
				.ignoreExceptions()
				.until(() -> lastHeartbeat(env.agent1).isAfter(restarted));
			String trigger = s.job("error-instruction-trigger", env.agent1);
			await().alias("the start instruction sent to agent 1")
				.atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> env.agent1.id.equals(env.api.job(trigger).get("agentId")));
			await().alias("agent 1 UNHEALTHY with a failed check 'instructions', or exited")
				.atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(250))
				.ignoreExceptions()
				.until(() -> !env.agent1.isAlive() || failedInstructionsCheck(env.api.agent(env.agent1.id)));
			fault.remove();
			s.awaitRecovered(RECOVERY_TIMEOUT, () -> {
				s.assertRunning(baseline1, baseline2);
				s.assertAgentsHealthy();
			});
		});
	}

	@Test
	@Order(9)
	void agentKilledAndKeptDownWithItsIdFileLostIsReplacedAndItsOldRunRemovedOnReturn(TestInfo test) throws Throwable {
		scenario(test, "9 agent killed, down " + seconds(OUTAGE) + ", id file lost", (s) -> {
			Lost lost = Lost.prepare(s, "replaced-after-kill");
			String moved = lost.moved();
			Agent victim = lost.victim();
			Agent other = lost.other();
			String waiting = lost.waiting();
			Map<String, Set<String>> kept = lost.kept();
			s.silences(victim);
			Fault fault = s.inject(victim + " kill -9, its id file deleted; restarted after " + seconds(OUTAGE), () -> {
				victim.kill();
				victim.deleteIdFile();
			}, victim::start);
			awaitRunningOn(s, moved, 2, other, fault.injectedAt.plus(REPLACED_WITHIN));
			s.measured("kill to replacement RUNNING", Duration.between(fault.injectedAt, Instant.now()));
			s.assertState(waiting, "LOST");
			s.holdUntil(fault, OUTAGE);
			Instant restarted = Instant.now();
			fault.remove();
			Instant heard = awaitHeard(victim, restarted);
			Instant gone = awaitGone(env.dockerOf(victim), moved, 1, Duration.ofSeconds(30));
			s.measured("first heartbeat of the returned agent to old run removed", Duration.between(heard, gone));
			assertThat(Duration.between(heard, gone)).as("old run removed after the returned agent's first heartbeat")
				.isLessThan(Duration.ofSeconds(10));
			s.awaitRecovered(RECOVERY_TIMEOUT, () -> {
				s.assertRunning(baseline1, baseline2, moved);
				s.assertAgentsHealthy();
			});
			assertThat(victim.idInFile()).as("id taken back from the labels of its containers").isEqualTo(victim.id);
			assertThat(s.containerIds(waiting)).as("containers of the job that waited, adopted").isEqualTo(kept);
			assertThat(env.api.job(moved).get("agentId")).as("agent of the replacement").isEqualTo(other.id);
		});
	}

	@Test
	@Order(10)
	void agentFrozenPastTheTimeoutIsReplacedAndItsLateReportsChangeNothing(TestInfo test) throws Throwable {
		scenario(test, "10 agent frozen " + seconds(OUTAGE), (s) -> {
			Lost lost = Lost.prepare(s, "replaced-after-freeze");
			String moved = lost.moved();
			Agent victim = lost.victim();
			Agent other = lost.other();
			String waiting = lost.waiting();
			Map<String, Set<String>> kept = lost.kept();
			s.silences(victim);
			Fault fault = s.inject(victim + " kill -STOP, SIGCONT after " + seconds(OUTAGE), victim::freeze,
					victim::thaw);
			awaitRunningOn(s, moved, 2, other, fault.injectedAt.plus(REPLACED_WITHIN));
			s.measured("freeze to replacement RUNNING", Duration.between(fault.injectedAt, Instant.now()));
			s.holdUntil(fault, OUTAGE);
			fault.remove();
			Instant gone = awaitGone(env.dockerOf(victim), moved, 1, Duration.ofSeconds(30));
			s.measured("SIGCONT to old run removed", Duration.between(fault.removedAt(), gone));
			assertThat(Duration.between(fault.removedAt(), gone)).as("old run removed after SIGCONT")
				.isLessThan(Duration.ofSeconds(15));
			s.awaitRecovered(RECOVERY_TIMEOUT, () -> {
				s.assertRunning(baseline1, baseline2, moved);
				s.assertAgentsHealthy();
			});
			assertThat(s.containerIds(waiting)).as("containers of the job that waited, resumed").isEqualTo(kept);
			List<Map<String, Object>> events = env.api.events(moved);
			int replacedAt = indexOfRun(events, 2);
			assertThat(events.subList(replacedAt, events.size())).as("timeline after the replacement")
				.allSatisfy((event) -> assertThat(event.get("runNumber")).isEqualTo(2));
		});
	}

	@Test
	@Order(11)
	void handlerDownThroughADeadlineTheAgentEndsTheRunAndTheJobCompletesOnce(TestInfo test) throws Throwable {
		scenario(test, "11 handler down through a deadline", (s) -> {
			s.awaitRunning(RUNNING_TIMEOUT, baseline1, baseline2);
			Instant created = Instant.now();
			String ending = s
				.job(withDuration(FaultEnvironment.generatorJob("deadline-without-handler", null), DEADLINE_DURATION));
			s.awaitRunning(RUNNING_TIMEOUT, ending);
			Map<String, Object> job = env.api.job(ending);
			Agent agent = env.agent((String) job.get("agentId"));
			Instant running = Instant.parse((String) job.get("startedAt"));
			Fault fault = s.inject(
					"handler kill -9 from RUNNING of a " + DEADLINE_DURATION + " s job until its containers are gone",
					env.handler::kill, env.handler::start);
			Instant gone = awaitGone(env.dockerOf(agent), ending, -1,
					Duration.ofSeconds(DEADLINE_DURATION + 5).plus(RUNNING_TIMEOUT));
			s.measured("RUNNING to containers removed by the agent (" + DEADLINE_DURATION + " s + 5 s grace)",
					Duration.between(running, gone));
			// deadline = the agent's run start (after the creation) + the duration + the
			// suite's 5 s grace; checked every heartbeat, then the containers are stopped
			assertThat(gone).as("containers removed by the agent, not before the deadline")
				.isAfter(created.plusSeconds(DEADLINE_DURATION + 5));
			assertThat(gone).as("containers removed by the agent, soon after the deadline")
				.isBefore(running.plusSeconds(DEADLINE_DURATION + 5).plus(HEARTBEAT).plusSeconds(10));
			fault.remove();
			s.awaitRecovered(RECOVERY_TIMEOUT, () -> {
				s.assertState(ending, "COMPLETED");
				s.assertRunning(baseline1, baseline2);
				s.assertAgentsHealthy();
			});
			assertThat(s.timesEntered(ending, "COMPLETED")).as("completions of the job").isEqualTo(1);
		});
	}

	@Test
	@Order(12)
	void agentKilledInTheMiddleOfAFiveContainerCreateEndsWithFiveContainers(TestInfo test) throws Throwable {
		scenario(test, "12 agent killed during a create of 5", (s) -> {
			s.awaitRunning(RUNNING_TIMEOUT, baseline1, baseline2);
			Map<String, Object> body = FaultEnvironment.generatorJob("five-containers", null);
			body.put("containers", 5);
			String five = s.job(body);
			String[] placedOn = new String[1];
			await().alias("five-containers placed")
				.atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> (placedOn[0] = (String) env.api.job(five).get("agentId")) != null);
			Agent victim = env.agent(placedOn[0]);
			DockerView daemon = env.dockerOf(victim);
			long[] created = new long[1];
			await().alias("first container of five-containers created")
				.atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> (created[0] = daemon.containers()
					.stream()
					.filter((container) -> five.equals(container.jobId()))
					.count()) > 0);
			Fault fault = s.inject(victim + " kill -9 with " + created[0] + " of 5 containers seen, restarted at once",
					victim::kill, victim::start);
			fault.remove();
			s.awaitRecovered(RECOVERY_TIMEOUT, () -> {
				s.assertRunning(baseline1, baseline2, five);
				s.assertAgentsHealthy();
			});
			Map<String, Object> job = env.api.job(five);
			List<ManagedContainer> containers = env.containers()
				.stream()
				.filter((container) -> five.equals(container.jobId()))
				.toList();
			assertThat(containers).as("containers of five-containers, in any state").hasSize(5);
			assertThat(containers).allSatisfy((container) -> {
				assertThat(container.running()).as(container.id() + " running").isTrue();
				assertThat(container.run()).as("run").isEqualTo(((Number) job.get("runNumber")).intValue());
				assertThat(container.agentId()).as("agent").isEqualTo(job.get("agentId"));
			});
			assertThat(containers.stream().map(ManagedContainer::index)).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
		});
	}

	@Test
	@Order(13)
	void agentCutFromKafkaPastTheTimeoutIsReplacedAndLosesItsOldRunWhenTheLinkIsBack(TestInfo test) throws Throwable {
		scenario(test, "13 agent cut from Kafka " + seconds(OUTAGE), (s) -> {
			Lost lost = Lost.prepare(s, "replaced-after-cut");
			String moved = lost.moved();
			Agent victim = lost.victim();
			Agent other = lost.other();
			String waiting = lost.waiting();
			Map<String, Set<String>> kept = lost.kept();
			s.silences(victim);
			Fault cut = s.inject("proxy " + victim + "<->Kafka cut " + seconds(OUTAGE), victim.kafkaLink::cut,
					victim.kafkaLink::restore);
			awaitRunningOn(s, moved, 2, other, cut.injectedAt.plus(REPLACED_WITHIN));
			s.measured("cut to replacement RUNNING", Duration.between(cut.injectedAt, Instant.now()));
			// without self-fencing the cut-off agent keeps the old run:
			// nobody can tell it
			assertThat(s.containerIds(waiting)).as("containers of the job that waits, kept while cut off")
				.isEqualTo(kept);
			s.holdUntil(cut, OUTAGE);
			cut.remove();
			Instant gone = awaitGone(env.dockerOf(victim), moved, 1, Duration.ofSeconds(30));
			s.measured("link back to old run removed", Duration.between(cut.removedAt(), gone));
			assertThat(Duration.between(cut.removedAt(), gone)).as("old run removed after the link is back")
				.isLessThan(Duration.ofSeconds(15));
			s.awaitRecovered(RECOVERY_TIMEOUT, () -> {
				s.assertRunning(baseline1, baseline2, moved);
				s.assertAgentsHealthy();
			});
			assertThat(s.containerIds(waiting)).as("containers of the job that waited, resumed").isEqualTo(kept);
		});
	}

	@Test
	@Order(14)
	void agentCutFromKafkaStopsItsContainersItselfAndIsReplaced(TestInfo test) throws Throwable {
		scenario(test, "14 agent cut from Kafka " + seconds(OUTAGE) + ", self-fencing", (s) -> {
			String moved = s.job("replaced-after-cut", null);
			s.awaitRunning(RUNNING_TIMEOUT, baseline1, baseline2, moved);
			Agent victim = agentOf(moved);
			Agent other = env.otherThan(victim);
			String waiting = baselineOf(victim);
			String stays = baselineOf(other);
			Instant restarted = Instant.now();
			String fencing = "--dcf.agent.stop-after-disconnect=" + STOP_AFTER_DISCONNECT.toSeconds() + "s";
			s.inject(victim + " restarted with " + fencing, () -> {
				victim.kill();
				victim.start(fencing);
			}, () -> {
				victim.kill();
				victim.start();
			});
			awaitHeard(victim, restarted);
			s.silences(victim);
			Fault cut = s.inject("proxy " + victim + "<->Kafka cut " + seconds(OUTAGE), victim.kafkaLink::cut,
					victim.kafkaLink::restore);
			Instant fenced = awaitNoneRunning(env.dockerOf(victim), List.of(moved, waiting),
					STOP_AFTER_DISCONNECT.plus(RUNNING_TIMEOUT));
			s.measured("cut to containers stopped by the agent (stop-after-disconnect " + seconds(STOP_AFTER_DISCONNECT)
					+ ")", Duration.between(cut.injectedAt, fenced));
			// the last report Kafka took may be up to one heartbeat before the cut; the
			// agent looks every heartbeat, then stops the containers
			assertThat(Duration.between(cut.injectedAt, fenced)).as("cut to containers stopped by the agent")
				.isBetween(STOP_AFTER_DISCONNECT.minus(HEARTBEAT).minusSeconds(1),
						STOP_AFTER_DISCONNECT.plus(HEARTBEAT).plusSeconds(8));
			awaitRunningOn(s, moved, 2, other, cut.injectedAt.plus(REPLACED_WITHIN));
			s.holdUntil(cut, OUTAGE);
			cut.remove();
			s.awaitRecovered(RECOVERY_TIMEOUT, () -> {
				s.assertRunning(stays, moved);
				s.assertState(waiting, "FAILED");
				s.assertAgentsHealthy();
			});
			assertThat(env.api.job(waiting).get("stateReason")).as("why the job that waited failed")
				.asString()
				.contains("cut off from Kafka");
		});
	}

	@Test
	@Order(15)
	void databaseStoppedShorterThanTheConnectionWaitLosesNothing(TestInfo test) throws Throwable {
		scenario(test, "15 database stopped " + seconds(SHORT_DATABASE_OUTAGE) + " (no error, only waits)", (s) -> {
			s.awaitRunning(RUNNING_TIMEOUT, baseline1, baseline2);
			Map<String, Set<String>> before = s.containerIds(baseline1, baseline2);
			Fault fault = s.inject("PostgreSQL stopped " + seconds(SHORT_DATABASE_OUTAGE), env.postgres::stop,
					env.postgres::start);
			s.holdUntil(fault, SHORT_DATABASE_OUTAGE);
			fault.remove();
			s.awaitRecovered(RECOVERY_TIMEOUT, () -> {
				s.assertRunning(baseline1, baseline2);
				s.assertAgentsHealthy();
			});
			assertThat(s.containerIds(baseline1, baseline2)).as("containers of the baseline jobs").isEqualTo(before);
		});
	}

	@SuppressWarnings("unchecked")
	private static boolean failedInstructionsCheck(Map<String, Object> agent) {
		return "UNHEALTHY".equals(agent.get("status")) && ((List<Map<String, Object>>) agent.get("checks")).stream()
			.anyMatch((check) -> "instructions".equals(check.get("name")) && Boolean.FALSE.equals(check.get("passed")));
	}

	/**
	 * Runs one scenario: precondition (agents HEALTHY, baseline jobs running), the body,
	 * removal of every fault left in place, the checker, a row of the table, and cleanup
	 * of the scenario's own jobs. The body's failure comes first, then the checker's.
	 */
	private static void scenario(TestInfo test, String name, Scenario.Body body) throws Throwable {
		String method = test.getTestMethod().orElseThrow().getName();
		String only = System.getProperty("faults.only", "");
		assumeThat(only.isBlank() || Arrays.stream(only.split(",")).anyMatch((key) -> method.startsWith(key.trim())))
			.as("faults.only=" + only)
			.isTrue();
		List<String> healed = env.heal();
		if (!healed.isEmpty()) {
			System.out.println("fault suite: before " + name + ", restarted agents left unhealthy: " + healed);
		}
		ensureBaselineJobs();
		Scenario scenario = new Scenario(name, env);
		scenario.involve(baseline1);
		scenario.involve(baseline2);
		Throwable failure = null;
		try {
			body.accept(scenario);
		}
		catch (Throwable ex) {
			failure = ex;
		}
		finally {
			scenario.removeFaults();
		}
		Findings findings = null;
		try {
			findings = scenario.check();
		}
		catch (RuntimeException | AssertionError ex) {
			failure = (failure != null) ? failure : ex;
		}
		ScenarioResult.add(scenario.result(findings, failure));
		scenario.cleanUp(Set.of(baseline1, baseline2));
		if (failure != null) {
			throw failure;
		}
		assertThat(findings.clean()).as("checker after %s: %s", name, findings).isTrue();
	}

	/** Starts the baseline jobs, or replaces one a scenario lost. */
	private static void ensureBaselineJobs() {
		baseline1 = ensureRunning(baseline1, "baseline-a1", env.agent1);
		baseline2 = ensureRunning(baseline2, "baseline-a2", env.agent2);
	}

	private static String ensureRunning(String jobId, String name, Agent agent) {
		if (jobId != null) {
			String state = env.api.state(jobId);
			if (Set.of("DEPLOYING", "RUNNING").contains(state)) {
				return jobId;
			}
			try {
				env.api.stop(jobId);
			}
			catch (RuntimeException ex) {
				// ended already
			}
			env.removeContainersOf(List.of(jobId));
		}
		return env.api.create(FaultEnvironment.baselineJob(name, agent));
	}

	/**
	 * The set-up of a lost-agent scenario: a job with policy replace and no labels,
	 * RUNNING with the baseline jobs; the agent it landed on (the victim), the other one,
	 * the victim's baseline job (policy wait) and that job's containers.
	 */
	private record Lost(String moved, Agent victim, Agent other, String waiting, Map<String, Set<String>> kept) {

		static Lost prepare(Scenario s, String jobName) {
			String moved = s.job(jobName, null);
			s.awaitRunning(RUNNING_TIMEOUT, baseline1, baseline2, moved);
			Agent victim = agentOf(moved);
			String waiting = baselineOf(victim);
			return new Lost(moved, victim, env.otherThan(victim), waiting, s.containerIds(waiting));
		}

	}

	private static Agent agentOf(String jobId) {
		return env.agent((String) env.api.job(jobId).get("agentId"));
	}

	private static String baselineOf(Agent agent) {
		return (agent == env.agent1) ? baseline1 : baseline2;
	}

	/** Waits (until {@code deadline}) for the job to run {@code run} on {@code agent}. */
	private static void awaitRunningOn(Scenario s, String jobId, int run, Agent agent, Instant deadline) {
		await().alias(jobId + " RUNNING in run " + run + " on " + agent)
			.atMost(Duration.between(Instant.now(), deadline).plusSeconds(1))
			.pollInterval(Duration.ofMillis(250))
			.ignoreExceptionsMatching((ex) -> !(ex instanceof Scenario.EndedException))
			.untilAsserted(() -> {
				s.assertRunning(jobId);
				Map<String, Object> job = env.api.job(jobId);
				assertThat(job.get("runNumber")).as("run").isEqualTo(run);
				assertThat(job.get("agentId")).as("agent").isEqualTo(agent.id);
			});
	}

	/** The handler's time of the agent's first heartbeat after {@code after}. */
	private static Instant awaitHeard(Agent agent, Instant after) {
		Instant[] heard = new Instant[1];
		await().alias("a heartbeat of " + agent + " after " + after)
			.atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofMillis(250))
			.ignoreExceptions()
			.until(() -> (heard[0] = lastHeartbeat(agent)).isAfter(after));
		return heard[0];
	}

	/**
	 * Waits until no container of the job's run (any run if negative) is left on the
	 * daemon, in any state.
	 * @return when it was seen gone
	 */
	private static Instant awaitGone(DockerView daemon, String jobId, int run, Duration timeout) {
		await().alias("containers of " + jobId + ((run < 0) ? "" : " run " + run) + " gone from " + daemon.name)
			.atMost(timeout)
			.pollInterval(Duration.ofMillis(250))
			.until(() -> daemon.containers()
				.stream()
				.noneMatch((container) -> jobId.equals(container.jobId()) && (run < 0 || container.run() == run)));
		return Instant.now();
	}

	/** Waits until none of the jobs' containers runs on the daemon. */
	private static Instant awaitNoneRunning(DockerView daemon, List<String> jobIds, Duration timeout) {
		await().alias("no container of " + jobIds + " running on " + daemon.name)
			.atMost(timeout)
			.pollInterval(Duration.ofMillis(250))
			.until(() -> daemon.containers()
				.stream()
				.noneMatch((container) -> container.running() && jobIds.contains(container.jobId())));
		return Instant.now();
	}

	/** The index of the first timeline entry of {@code run}. */
	private static int indexOfRun(List<Map<String, Object>> events, int run) {
		for (int i = 0; i < events.size(); i++) {
			if (((Number) events.get(i).get("runNumber")).intValue() == run) {
				return i;
			}
		}
		throw new AssertionError("no timeline entry of run " + run + ": " + events);
	}

	private static String seconds(Duration duration) {
		return duration.toSeconds() + " s";
	}

	private static Map<String, Object> oneContainer(String name, Agent agent) {
		Map<String, Object> job = FaultEnvironment.generatorJob(name, agent);
		job.put("containers", 1);
		return job;
	}

	/**
	 * 100 variables of 4,096 three-byte characters: 1.2 MB, more than one instruction.
	 */
	private static Map<String, Object> oversized() {
		Map<String, Object> job = FaultEnvironment.generatorJob("oversized", null);
		Map<String, String> variables = new LinkedHashMap<>();
		for (int i = 0; i < 100; i++) {
			variables.put("V" + i, "\u20ac".repeat(4096));
		}
		job.put("env", variables);
		return job;
	}

	private static Map<String, Object> withDuration(Map<String, Object> job, long seconds) {
		Map<String, Object> copy = new LinkedHashMap<>(job);
		copy.put("durationSeconds", seconds);
		return copy;
	}

	private static Map<String, Object> startingAt(Map<String, Object> job, Instant startAt) {
		Map<String, Object> copy = new LinkedHashMap<>(job);
		copy.put("startAt", startAt.toString());
		return copy;
	}

}
