package dev.dcf.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.dcf.faults.DockerView.ManagedContainer;

/**
 * Compares what the handler believes (jobs, timelines) with what the Docker daemons hold:
 * <ul>
 * <li>every job is in the state its timeline ends with (unexplained otherwise);</li>
 * <li>no container runs for a job that should not run: a running container whose job is
 * unknown or not DEPLOYING/RUNNING/STOPPING, of another run than the job's, or on another
 * agent than the job's (orphans);</li>
 * <li>no job has running containers of two runs, or two running containers of one index
 * (duplicates);</li>
 * <li>no job went LOST since the scenario began (lost), unless the scenario silenced its
 * agent (killed, frozen, cut off): then the loss is expected, and it counts as lost only
 * if it was not declared between the agent timeout and 2 s more of silence. Expected
 * losses are reported with their detection time (from the last heartbeat to LOST) and, if
 * the job was replaced or resumed, the time from LOST to RUNNING again.</li>
 * </ul>
 */
final class Checker {

	private static final Set<String> ACTIVE = Set.of("DEPLOYING", "RUNNING", "STOPPING");

	/** The handler's reason for a loss by silence (see AgentLiveness). */
	private static final Pattern SILENCE = Pattern
		.compile("agent (\\S+) stopped heartbeating \\(last heartbeat (\\S+), timeout (\\d+) s\\)");

	private final HandlerApi api;

	private final List<DockerView> daemons;

	private final Set<String> agentIds;

	/**
	 * @param agentIds the suite's agents: only their containers count, since other DCF
	 * installations (tests of other modules running at the same time) may have containers
	 * on the machine's daemon
	 */
	Checker(HandlerApi api, List<DockerView> daemons, Set<String> agentIds) {
		this.api = api;
		this.daemons = daemons;
		this.agentIds = agentIds;
	}

	/**
	 * @param since the scenario's begin: earlier LOST transitions are not its business
	 * @param silenced the agents the scenario silenced
	 */
	Findings check(Instant since, Set<String> silenced) {
		List<Map<String, Object>> jobs = this.api.jobs();
		Map<String, Map<String, Object>> byId = new HashMap<>();
		List<String> unexplained = new ArrayList<>();
		List<String> lost = new ArrayList<>();
		List<Loss> losses = new ArrayList<>();
		for (Map<String, Object> job : jobs) {
			String id = (String) job.get("id");
			byId.put(id, job);
			List<Map<String, Object>> events = this.api.events(id);
			String state = (String) job.get("state");
			String last = events.isEmpty() ? null : (String) events.get(events.size() - 1).get("to");
			if (!state.equals(last)) {
				unexplained.add(name(job) + " is " + state + " but its timeline ends with " + last);
			}
			for (int i = 0; i < events.size(); i++) {
				Map<String, Object> event = events.get(i);
				if (!"LOST".equals(event.get("to")) || "LOST".equals(event.get("from"))
						|| Instant.parse((String) event.get("at")).isBefore(since)) {
					continue;
				}
				Loss loss = Loss.of(name(job), event, events.subList(i + 1, events.size()));
				if (loss == null || !silenced.contains(loss.agentId()) || loss.mistimed()) {
					lost.add(name(job) + " run " + event.get("runNumber") + " LOST at " + event.get("at") + ": "
							+ event.get("reason"));
				}
				else {
					losses.add(loss);
				}
			}
		}
		List<ManagedContainer> running = this.daemons.stream()
			.flatMap((daemon) -> daemon.containers().stream())
			.filter(ManagedContainer::running)
			.filter((container) -> this.agentIds.contains(container.agentId()))
			.toList();
		List<String> orphans = new ArrayList<>();
		for (ManagedContainer container : running) {
			String problem = orphanProblem(container, byId.get(container.jobId()));
			if (problem != null) {
				orphans.add(shortId(container) + " on " + container.daemon() + ": " + problem);
			}
		}
		List<String> duplicates = new ArrayList<>();
		running.stream().collect(Collectors.groupingBy(ManagedContainer::jobId)).forEach((jobId, containers) -> {
			Set<Integer> runs = containers.stream().map(ManagedContainer::run).collect(Collectors.toSet());
			long indexes = containers.stream().map(ManagedContainer::index).distinct().count();
			if (runs.size() > 1 || indexes < containers.size()) {
				duplicates.add("job " + jobId + " runs " + containers.size() + " containers of runs " + runs);
			}
		});
		return new Findings(jobs.size(), unexplained, orphans, duplicates, lost, losses);
	}

	private static String orphanProblem(ManagedContainer container, Map<String, Object> job) {
		if (job == null) {
			return "its job " + container.jobId() + " is unknown to the handler";
		}
		String state = (String) job.get("state");
		if (!ACTIVE.contains(state)) {
			return name(job) + " is " + state;
		}
		if (container.run() != ((Number) job.get("runNumber")).intValue()) {
			return "run " + container.run() + " of " + name(job) + " which is at run " + job.get("runNumber");
		}
		if (!container.agentId().equals(job.get("agentId"))) {
			return "agent " + container.agentId() + " but " + name(job) + " is on " + job.get("agentId");
		}
		return null;
	}

	private static String shortId(ManagedContainer container) {
		return container.id().substring(0, Math.min(12, container.id().length()));
	}

	static String name(Map<String, Object> job) {
		return "job " + job.get("name") + " (" + job.get("id") + ")";
	}

	/**
	 * An expected loss: a job LOST because the scenario silenced its agent.
	 *
	 * @param detection from the agent's last heartbeat to LOST
	 * @param timeout the agent timeout the handler applied
	 * @param back from LOST to RUNNING again (resumed or replaced), null if not (yet)
	 * @param replaced whether RUNNING again was a new run
	 */
	record Loss(String job, String agentId, Duration detection, Duration timeout, Duration back, boolean replaced) {

		static Loss of(String job, Map<String, Object> lostEvent, List<Map<String, Object>> after) {
			Matcher silence = SILENCE.matcher(String.valueOf(lostEvent.get("reason")));
			if (!silence.find()) {
				return null;
			}
			Instant at = Instant.parse((String) lostEvent.get("at"));
			int run = ((Number) lostEvent.get("runNumber")).intValue();
			Duration back = null;
			boolean replaced = false;
			for (Map<String, Object> event : after) {
				if ("RUNNING".equals(event.get("to")) && !"RUNNING".equals(event.get("from"))) {
					back = Duration.between(at, Instant.parse((String) event.get("at")));
					replaced = ((Number) event.get("runNumber")).intValue() > run;
					break;
				}
			}
			return new Loss(job, silence.group(1), Duration.between(Instant.parse(silence.group(2)), at),
					Duration.ofSeconds(Long.parseLong(silence.group(3))), back, replaced);
		}

		/**
		 * Declared before the agent had been silent for the timeout, or more than 2 s
		 * after.
		 */
		boolean mistimed() {
			return this.detection.compareTo(this.timeout) < 0
					|| this.detection.compareTo(this.timeout.plusSeconds(2)) > 0;
		}

	}

	/**
	 * What one check found; each list names the offenders, except the expected losses.
	 */
	record Findings(int jobs, List<String> unexplained, List<String> orphans, List<String> duplicates,
			List<String> lost, List<Loss> losses) {

		boolean clean() {
			return this.unexplained.isEmpty() && this.orphans.isEmpty() && this.duplicates.isEmpty()
					&& this.lost.isEmpty();
		}

		@Override
		public String toString() {
			return "unexplained " + this.unexplained + ", orphans " + this.orphans + ", duplicates " + this.duplicates
					+ ", lost " + this.lost;
		}

	}

}
