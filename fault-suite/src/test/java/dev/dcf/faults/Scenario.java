package dev.dcf.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.assertj.core.api.ThrowingConsumer;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.ThrowingRunnable;

import dev.dcf.faults.Checker.Findings;
import dev.dcf.faults.DockerView.ManagedContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One scenario in progress: its jobs, the faults it injected (each removed exactly once,
 * at the latest when the scenario ends, whatever happened), the time it took to recover,
 * and what the checker found afterwards.
 */
final class Scenario {

	private static final Set<String> TERMINAL = Set.of("COMPLETED", "FAILED", "LOST");

	final String name;

	final Instant begin = Instant.now();

	private final FaultEnvironment env;

	private final Watcher watcher;

	private final List<String> jobs = new ArrayList<>();

	private final List<Fault> faults = new ArrayList<>();

	private final Set<String> silenced = new TreeSet<>();

	private final List<String> measured = new ArrayList<>();

	private Duration recovery;

	Scenario(String name, FaultEnvironment env) {
		this.name = name;
		this.env = env;
		this.watcher = new Watcher(env.api);
	}

	/** Adopts a job created before the scenario (the long-running baseline jobs). */
	void involve(String jobId) {
		this.jobs.add(jobId);
		this.watcher.watch(jobId);
	}

	/** Creates a generator job for {@code agent} (any agent if null). */
	String job(String jobName, Agent agent) {
		return job(FaultEnvironment.generatorJob(jobName, agent));
	}

	String job(Map<String, Object> body) {
		String id = this.env.api.create(body);
		involve(id);
		return id;
	}

	Fault inject(String description, Runnable inject, Runnable remove) {
		Fault fault = new Fault(description, remove);
		this.faults.add(fault);
		this.watcher.forgetJobStates();
		inject.run();
		return fault;
	}

	/** A figure the scenario measured, printed below the table. */
	void measured(String what, Duration duration) {
		this.measured.add(what + ": " + (duration.toMillis() / 100) / 10.0 + " s");
	}

	/**
	 * Declares that the scenario silences an agent (kills, freezes or cuts it off for
	 * longer than the agent timeout): its jobs going LOST is then expected, not a
	 * finding.
	 */
	void silences(Agent agent) {
		this.silenced.add(agent.id);
	}

	/**
	 * Waits for what a fault's prescribed duration leaves, counted from its injection.
	 */
	void holdUntil(Fault fault, Duration duration) {
		long left = Duration.between(Instant.now(), fault.injectedAt.plus(duration)).toMillis();
		if (left > 0) {
			try {
				Thread.sleep(left);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	/** Removes every fault still in place: the environment is whole again. */
	void removeFaults() {
		this.faults.forEach(Fault::remove);
	}

	/**
	 * Waits until {@code recovered} holds, and records how long that took from the
	 * removal of the last fault.
	 */
	void awaitRecovered(Duration timeout, ThrowingRunnable recovered) {
		Instant from = this.faults.stream()
			.map((fault) -> fault.removedAt)
			.filter((at) -> at != null)
			.max(Instant::compareTo)
			.orElse(Instant.now());
		await().alias(this.name + ": recovery")
			.atMost(timeout)
			.pollInterval(Duration.ofMillis(500))
			.ignoreExceptionsMatching((ex) -> !(ex instanceof EndedException))
			.untilAsserted(recovered);
		this.recovery = Duration.between(from, Instant.now());
	}

	/** Asserts the jobs RUNNING, failing at once if one ended instead. */
	void assertRunning(String... jobIds) {
		for (String id : jobIds) {
			Map<String, Object> job = this.env.api.job(id);
			String state = (String) job.get("state");
			if (TERMINAL.contains(state)) {
				throw new EndedException(
						Checker.name(job) + " ended " + state + " (" + job.get("stateReason") + ") instead of RUNNING");
			}
			assertThat(state).as(Checker.name(job)).isEqualTo("RUNNING");
		}
	}

	void awaitRunning(Duration timeout, String... jobIds) {
		await().alias(this.name + ": jobs RUNNING")
			.atMost(timeout)
			.pollInterval(Duration.ofMillis(500))
			.ignoreExceptionsMatching((ex) -> !(ex instanceof EndedException))
			.untilAsserted(() -> assertRunning(jobIds));
	}

	void assertState(String jobId, String state) {
		assertThat(this.env.api.state(jobId)).as("state of job " + jobId).isEqualTo(state);
	}

	void assertAgentsHealthy() {
		for (Agent agent : List.of(this.env.agent1, this.env.agent2)) {
			assertThat(this.env.api.agent(agent.id).get("status")).as("status of agent " + agent.id)
				.isEqualTo("HEALTHY");
		}
	}

	/** The running containers of each job, by job id, as Docker has them. */
	Map<String, Set<String>> containerIds(String... jobIds) {
		List<String> wanted = List.of(jobIds);
		Map<String, Set<String>> ids = new TreeMap<>();
		wanted.forEach((id) -> ids.put(id, new TreeSet<>()));
		for (ManagedContainer container : this.env.containers()) {
			if (container.running() && wanted.contains(container.jobId())) {
				ids.get(container.jobId()).add(container.id());
			}
		}
		return ids;
	}

	/** How many times the job's timeline enters {@code state}. */
	long timesEntered(String jobId, String state) {
		return this.env.api.events(jobId)
			.stream()
			.filter((event) -> state.equals(event.get("to")) && !state.equals(event.get("from")))
			.count();
	}

	Set<String> statesSeen(String jobId) {
		return this.watcher.statesSeen(jobId);
	}

	/**
	 * Runs the checker until orphans, duplicates and unexplained states are gone (a
	 * container being removed is not yet an orphan), at most 20 s; LOST transitions never
	 * go away, so they do not make it wait.
	 */
	Findings check() {
		Findings[] last = new Findings[1];
		try {
			await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
				last[0] = this.env.checker.check(this.begin, this.silenced);
				return last[0].orphans().isEmpty() && last[0].duplicates().isEmpty() && last[0].unexplained().isEmpty();
			});
		}
		catch (ConditionTimeoutException ex) {
			if (last[0] == null) {
				throw ex;
			}
		}
		return last[0];
	}

	ScenarioResult result(Findings findings, Throwable failure) {
		this.watcher.close();
		String message = null;
		if (failure != null) {
			message = failure.getClass().getSimpleName() + ": "
					+ String.valueOf(failure.getMessage()).replace('\n', ' ').replace('|', '/');
		}
		if (findings != null && !findings.clean()) {
			message = ((message != null) ? message + "; " : "") + "checker: " + findings.toString().replace('|', '/');
		}
		return new ScenarioResult(this.name, this.faults.stream().map((fault) -> fault.description).toList(),
				this.jobs.size(), (findings != null) ? findings.lost().size() : -1,
				this.watcher.agentsSeenLost().size(), (findings != null) ? findings.orphans().size() : -1,
				(findings != null) ? findings.duplicates().size() : -1,
				(findings != null) ? findings.losses() : List.of(), List.copyOf(this.measured), this.recovery, message);
	}

	/** Stops the scenario's jobs except {@code keep}; containers of ended runs go. */
	void cleanUp(Set<String> keep) {
		List<String> done = this.jobs.stream().filter((id) -> !keep.contains(id)).collect(Collectors.toList());
		for (String id : done) {
			try {
				if (!TERMINAL.contains(this.env.api.state(id))) {
					this.env.api.stop(id);
				}
			}
			catch (RuntimeException ex) {
				// a job that cannot be stopped now still loses its containers below
			}
		}
		try {
			await().atMost(Duration.ofSeconds(20))
				.pollInterval(Duration.ofMillis(500))
				.ignoreExceptions()
				.until(() -> done.stream().allMatch((id) -> TERMINAL.contains(this.env.api.state(id))));
		}
		catch (ConditionTimeoutException ex) {
			// removed by force below
		}
		this.env.removeContainersOf(done);
	}

	/** One injected fault; {@link #remove()} undoes it once. */
	static final class Fault {

		final String description;

		final Instant injectedAt = Instant.now();

		private final Runnable remove;

		private Instant removedAt;

		Fault(String description, Runnable remove) {
			this.description = description;
			this.remove = remove;
		}

		synchronized Instant removedAt() {
			return this.removedAt;
		}

		synchronized void remove() {
			if (this.removedAt == null) {
				this.remove.run();
				this.removedAt = Instant.now();
			}
		}

	}

	/** A job ended while it was expected to run: waiting longer cannot help. */
	static final class EndedException extends RuntimeException {

		EndedException(String message) {
			super(message);
		}

	}

	interface Body extends ThrowingConsumer<Scenario> {

	}

}
