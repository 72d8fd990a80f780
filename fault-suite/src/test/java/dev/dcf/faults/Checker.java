package dev.dcf.faults;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * <li>no job went LOST since the scenario began: the agents kept heartbeating, or were
 * silent for reasons the handler must not punish (lost).</li>
 * </ul>
 */
final class Checker {

	private static final Set<String> ACTIVE = Set.of("DEPLOYING", "RUNNING", "STOPPING");

	private final HandlerApi api;

	private final List<DockerView> daemons;

	Checker(HandlerApi api, List<DockerView> daemons) {
		this.api = api;
		this.daemons = daemons;
	}

	Findings check(Instant since) {
		List<Map<String, Object>> jobs = this.api.jobs();
		Map<String, Map<String, Object>> byId = new HashMap<>();
		List<String> unexplained = new ArrayList<>();
		List<String> lost = new ArrayList<>();
		for (Map<String, Object> job : jobs) {
			String id = (String) job.get("id");
			byId.put(id, job);
			List<Map<String, Object>> events = this.api.events(id);
			String state = (String) job.get("state");
			String last = events.isEmpty() ? null : (String) events.get(events.size() - 1).get("to");
			if (!state.equals(last)) {
				unexplained.add(name(job) + " is " + state + " but its timeline ends with " + last);
			}
			for (Map<String, Object> event : events) {
				if ("LOST".equals(event.get("to")) && !Instant.parse((String) event.get("at")).isBefore(since)) {
					lost.add(name(job) + " run " + event.get("runNumber") + " LOST at " + event.get("at") + ": "
							+ event.get("reason"));
				}
			}
		}
		List<ManagedContainer> running = this.daemons.stream()
			.flatMap((daemon) -> daemon.containers().stream())
			.filter(ManagedContainer::running)
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
		return new Findings(jobs.size(), unexplained, orphans, duplicates, lost);
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

	/** What one check found; each list names the offenders. */
	record Findings(int jobs, List<String> unexplained, List<String> orphans, List<String> duplicates,
			List<String> lost) {

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
