package dev.dcf.handler.status;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.dcf.handler.agent.AgentState;
import dev.dcf.handler.agent.ForeignContainer;
import dev.dcf.handler.agent.ReportedContainer;
import dev.dcf.handler.dryrun.DryRunIds;
import dev.dcf.handler.job.ContainerState;
import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobState;
import dev.dcf.handler.job.RunOnAgent;

/**
 * Compares the containers an agent reports in its heartbeat with what the handler expects
 * there: containers of a run that should not run on that agent must go, and containers of
 * a RUNNING job that the agent does not have are missing. Pure.
 */
final class ContainerReconciler {

	private ContainerReconciler() {
	}

	/**
	 * The runs whose containers must be removed from the agent: their job does not exist,
	 * has ended or not started, runs a newer run, or is placed on another agent. A
	 * STOPPING job is left alone: its DELETE is on the way, and so is a dry run's
	 * container (its agent removes it after the try).
	 * @param agentId the reporting agent
	 * @param reported the containers it reports
	 * @param jobs the jobs those containers name, by id (absent = deleted)
	 * @return one removal per (job, run), in job order
	 */
	static List<Removal> removals(String agentId, List<ReportedContainer> reported, Map<String, Job> jobs) {
		return removals(agentId, reported, jobs, true);
	}

	/**
	 * As {@link #removals(String, List, Map)}; with a list that may be stale (the agent
	 * cannot see its Docker daemon) the containers of a run that is LOST on this agent
	 * are left alone: whether it resumes or goes is decided on a fresh list.
	 * @param agentId the reporting agent
	 * @param reported the containers it reports
	 * @param jobs the jobs those containers name, by id (absent = deleted)
	 * @param fresh whether the list is what Docker holds now
	 * @return one removal per (job, run), in job order
	 */
	static List<Removal> removals(String agentId, List<ReportedContainer> reported, Map<String, Job> jobs,
			boolean fresh) {
		Map<String, Set<Integer>> runsByJob = new TreeMap<>();
		for (ReportedContainer container : reported) {
			// a dry run's container is no job's: its agent removes it after the try
			if (container.jobId() != null && !container.jobId().isBlank() && !DryRunIds.isDryRun(container.jobId())) {
				runsByJob.computeIfAbsent(container.jobId(), (id) -> new TreeSet<>()).add(container.runNumber());
			}
		}
		List<Removal> removals = new ArrayList<>();
		runsByJob.forEach((jobId, runs) -> {
			Job job = jobs.get(jobId);
			for (int run : runs) {
				String why = whyNotHere(agentId, job, jobId, run, fresh);
				if (why != null) {
					removals.add(new Removal(jobId, run, why));
				}
			}
		});
		return removals;
	}

	/**
	 * @return why containers of this run must not be on the agent, {@code null} if they
	 * may stay
	 */
	private static String whyNotHere(String agentId, Job job, String jobId, int run, boolean fresh) {
		if (job == null) {
			return "job " + jobId + " does not exist (any more)";
		}
		if (run < job.getRunNumber()) {
			return "run " + run + " of job " + jobId + " was replaced by run " + job.getRunNumber();
		}
		if (run > job.getRunNumber()) {
			// not a run the handler knows of: never remove what it cannot account for
			return null;
		}
		if (!agentId.equals(job.getAgentId())) {
			return "job " + jobId + " is "
					+ ((job.getAgentId() != null) ? "placed on agent " + job.getAgentId() : "not placed on any agent");
		}
		JobState state = job.getState();
		if (state == JobState.DEPLOYING || state == JobState.RUNNING || state == JobState.STOPPING) {
			return null;
		}
		if (state == JobState.LOST && !fresh) {
			return null;
		}
		return "job " + jobId + " is " + state;
	}

	/**
	 * The runs of other agents' containers on the reporting agent's daemon that nobody
	 * will remove otherwise (orphans): their own agent is unknown, has no label, or is
	 * LOST, and their run should not run — its job is gone or has ended, or the run was
	 * superseded. Containers of a live agent are its own business; those of the current
	 * run of an active job, or of a LOST job still placed on their agent (it may return
	 * and resume), are kept. A container whose job and agent are both unknown here
	 * belongs to another DCF installation sharing the Docker daemon (or to none this
	 * handler can judge): it is left alone, since removing work one cannot account for is
	 * worse than seeing it run.
	 * @param foreign the other containers the agent reports
	 * @param jobs the jobs they name, by id (absent = deleted)
	 * @param statuses the statuses of the agents that started them (unknown = absent)
	 * @return one removal per (job, run), in job order
	 */
	static List<Removal> orphans(List<ForeignContainer> foreign, Map<String, Job> jobs,
			Map<String, AgentState> statuses) {
		Map<String, Map<Integer, String>> runs = new TreeMap<>();
		for (ForeignContainer other : foreign) {
			ReportedContainer container = other.container();
			AgentState starter = statuses.get(other.startedBy());
			if (container.jobId() == null || container.jobId().isBlank()
					|| (starter != null && starter != AgentState.LOST)) {
				continue;
			}
			runs.computeIfAbsent(container.jobId(), (id) -> new TreeMap<>())
				.put(container.runNumber(), other.startedBy());
		}
		List<Removal> removals = new ArrayList<>();
		runs.forEach((jobId, byRun) -> byRun.forEach((run, startedBy) -> {
			Job job = jobs.get(jobId);
			String who = startedBy.isEmpty() ? "no known agent" : "agent " + startedBy;
			if (job == null && !statuses.containsKey(startedBy)) {
				return;
			}
			if (job == null) {
				removals
					.add(new Removal(jobId, run, "orphan of " + who + ": job " + jobId + " does not exist (any more)"));
			}
			else if (run < job.getRunNumber()) {
				removals.add(new Removal(jobId, run, "orphan of " + who + ": run " + run + " of job " + jobId
						+ " was replaced by run " + job.getRunNumber()));
			}
			else if (run == job.getRunNumber() && !job.getState().isActive()
					&& !(job.isResumable() && startedBy.equals(job.getAgentId()))) {
				// never for an active run: a DELETE removes the run's containers on the
				// whole daemon, whoever started them, so it could hit the live ones
				removals.add(new Removal(jobId, run, "orphan of " + who + ": job " + jobId + " is " + job.getState()
						+ ((job.getAgentId() != null) ? " on agent " + job.getAgentId() : "")));
			}
		}));
		return removals;
	}

	/**
	 * The LOST jobs whose run can go on: LOST on this agent (and not stopped since), with
	 * every container of the current run reported running.
	 * @param agentId the reporting agent
	 * @param reported the containers it reports (a fresh list)
	 * @param jobs candidate jobs
	 * @return the jobs to resume, in the given order
	 */
	static List<Job> resumable(String agentId, List<ReportedContainer> reported, Iterable<Job> jobs) {
		List<Job> resumable = new ArrayList<>();
		for (Job job : jobs) {
			if (!job.isResumable() || !agentId.equals(job.getAgentId())) {
				continue;
			}
			Set<Integer> running = new TreeSet<>();
			for (ReportedContainer container : reported) {
				if (job.getId().equals(container.jobId()) && container.runNumber() == job.getRunNumber()
						&& container.state() == ContainerState.RUNNING) {
					running.add(container.index());
				}
			}
			if (running.size() == job.getContainers() && allIndexes(running, job.getContainers())) {
				resumable.add(job);
			}
		}
		return resumable;
	}

	/**
	 * Whether the report lists any container of the job's current run.
	 * @param job the job
	 * @param reported the containers an agent reports
	 * @return {@code true} if at least one is listed, in whatever state
	 */
	static boolean hasContainersOf(Job job, List<ReportedContainer> reported) {
		return reported.stream()
			.anyMatch((container) -> job.getId().equals(container.jobId())
					&& container.runNumber() == job.getRunNumber());
	}

	private static boolean allIndexes(Set<Integer> indexes, int count) {
		for (int index = 0; index < count; index++) {
			if (!indexes.contains(index)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The containers of RUNNING jobs on the agent that its report does not list.
	 * @param reported the containers the agent reports
	 * @param running the agent's RUNNING jobs
	 * @return per job, the missing container indexes (jobs with none missing are absent)
	 */
	static Map<Job, Set<Integer>> missing(List<ReportedContainer> reported, List<Job> running) {
		Map<Job, Set<Integer>> missing = new LinkedHashMap<>();
		for (Job job : running) {
			Set<Integer> expected = new TreeSet<>();
			for (int index = 0; index < job.getContainers(); index++) {
				expected.add(index);
			}
			for (ReportedContainer container : reported) {
				if (job.getId().equals(container.jobId()) && container.runNumber() == job.getRunNumber()) {
					expected.remove(container.index());
				}
			}
			if (!expected.isEmpty()) {
				missing.put(job, expected);
			}
		}
		return missing;
	}

	/**
	 * Whether a fresh report of an agent without other agents' containers calls for
	 * nothing: no job of the agent is LOST (to resume or replace), every reported
	 * container belongs to a run that may stay there ({@link #removals} finds none), and
	 * no RUNNING job whose newest report is older than the heartbeat misses a container
	 * ({@link #missing} finds none). Decided on plain values, so a heartbeat that changes
	 * nothing loads no job; when in doubt it answers {@code false} and the full
	 * reconciliation decides.
	 * @param sequence the heartbeat's sequence
	 * @param reported the containers the agent reports
	 * @param runs the runs of the jobs placed on the agent (DEPLOYING, RUNNING, STOPPING,
	 * LOST)
	 * @return {@code true} if reconciling would change nothing
	 */
	static boolean nothingToDo(long sequence, List<ReportedContainer> reported, List<RunOnAgent> runs) {
		Map<String, RunOnAgent> byJob = new HashMap<>();
		for (RunOnAgent run : runs) {
			if (run.state() == JobState.LOST) {
				return false;
			}
			byJob.put(run.jobId(), run);
		}
		Map<String, Set<Integer>> seen = new HashMap<>();
		for (ReportedContainer container : reported) {
			if (container.jobId() == null || container.jobId().isBlank() || DryRunIds.isDryRun(container.jobId())) {
				continue;
			}
			RunOnAgent run = byJob.get(container.jobId());
			if (run == null || container.runNumber() < run.runNumber()) {
				// another agent's, ended, deleted or replaced: may have to go
				return false;
			}
			if (container.runNumber() == run.runNumber()) {
				seen.computeIfAbsent(run.jobId(), (id) -> new HashSet<>()).add(container.index());
			}
		}
		for (RunOnAgent run : runs) {
			if (run.state() == JobState.RUNNING && run.statusSequence() != null && sequence > run.statusSequence()) {
				Set<Integer> indexes = seen.getOrDefault(run.jobId(), Set.of());
				if (!allIndexes(indexes, run.containers())) {
					return false;
				}
			}
		}
		return true;
	}

	/**
	 * Containers of one run that must go.
	 *
	 * @param jobId the job
	 * @param runNumber the run
	 * @param reason why
	 */
	record Removal(String jobId, int runNumber, String reason) {
	}

}
