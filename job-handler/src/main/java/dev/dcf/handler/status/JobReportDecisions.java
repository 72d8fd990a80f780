package dev.dcf.handler.status;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Supplier;

import dev.dcf.handler.agent.ReportedContainer;
import dev.dcf.handler.job.AgentLostPolicy;
import dev.dcf.handler.job.ContainerState;
import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobContainer;
import dev.dcf.handler.job.JobState;

/**
 * What a job report means for its job: the handler's decisions on the agents'
 * observations ({@code docs/job-lifecycle.md}). Pure: no I/O, time passed in; the caller
 * loads and saves.
 *
 * <p>
 * Two steps. {@link #admit} keeps out what must not change the job: reports of another
 * run, from an agent the job is not placed on, and stale ones (sequence not newer than
 * the last applied). Then, with the run's containers updated from the report,
 * {@link #decide} moves the job: STARTED makes it RUNNING, START_FAILED makes it FAILED
 * with the agent's reason (or, when the agent only refused it for being unhealthy or
 * full, sends it back to placement without that agent), an exit code other than 0 makes
 * it FAILED naming container and code (unless the agent restarts the container by the
 * job's restart policy: CONTAINER_RESTARTED is only noted), all containers exited with 0
 * make it COMPLETED, REMOVED completes a STOPPING job (a LOST one learns that the agent
 * removed its run at the deadline, or fenced itself, and ends accordingly), PULLING (the
 * agent is still pulling the image) only keeps a DEPLOYING job from its deploy timeout.
 * Reports that do not fit the job's state change nothing; repeated ones are no-ops.
 */
final class JobReportDecisions {

	private JobReportDecisions() {
	}

	/**
	 * Whether a report may change its job. Accepting it records its sequence on the job.
	 * @param job the job the report names
	 * @param report the report
	 * @return the admission
	 */
	static Admission admit(Job job, JobReport report) {
		boolean containersUp = report.kind() == JobReport.Kind.STARTED;
		if (report.runNumber() < job.getRunNumber()) {
			return Admission.ignored(
					"report of run " + report.runNumber() + ", the job is at run " + job.getRunNumber(), containersUp);
		}
		if (report.runNumber() > job.getRunNumber()) {
			return Admission.ignored(
					"report of run " + report.runNumber() + ", ahead of the job's run " + job.getRunNumber(), false);
		}
		if (!report.agentId().equals(job.getAgentId())) {
			return Admission.ignored("the job is "
					+ ((job.getAgentId() != null) ? "placed on agent " + job.getAgentId() : "not placed on any agent"),
					containersUp);
		}
		if (!job.acceptStatusSequence(report.sequence())) {
			return Admission.ignored(
					"stale: sequence " + report.sequence() + " is not newer than " + job.getRun().getStatusSequence(),
					false);
		}
		return Admission.ACCEPTED;
	}

	/**
	 * Applies an admitted report to its job.
	 * @param job the job, changed in place
	 * @param report the admitted report
	 * @param containers all containers of the job's current run, already updated from the
	 * report
	 * @param now the current time
	 * @return what was decided
	 */
	static Decision decide(Job job, JobReport report, List<JobContainer> containers, Instant now) {
		return decide(job, report, containers, OptionalLong::empty, now);
	}

	/**
	 * Applies an admitted report to its job.
	 * @param job the job, changed in place
	 * @param report the admitted report
	 * @param containers all containers of the job's current run, already updated from the
	 * report
	 * @param produced the records the run produced, asked only when all containers exited
	 * with 0 and the job has a record limit (to tell "N records reached")
	 * @param now the current time
	 * @return what was decided
	 */
	static Decision decide(Job job, JobReport report, List<JobContainer> containers, Supplier<OptionalLong> produced,
			Instant now) {
		JobState state = job.getState();
		String agent = "agent " + report.agentId();
		switch (report.kind()) {
			case STARTED -> {
				if (state == JobState.DEPLOYING) {
					job.markRunning(now);
					return judgeExits(job, containers, produced, now, "running");
				}
				if (state == JobState.RUNNING) {
					return judgeExits(job, containers, produced, now, "already running");
				}
				if (state.isTerminal()) {
					return new Decision("the job is " + state + ": its containers must go", true);
				}
				return Decision.nothing("the job is " + state);
			}
			case START_FAILED -> {
				if (state == JobState.DEPLOYING) {
					if (isPassingRefusal(report) && job.returnToPlacement(report.agentId(), report.reason(), now)) {
						return Decision.changed("refused for now, placed again");
					}
					job.fail(agent + " could not start the job: " + report.reason(), now);
					return Decision.changed("failed to start");
				}
				return Decision.nothing("the job is " + state);
			}
			case CONTAINER_RESTARTED -> {
				// the agent restarts it: the job stays as it is, the timeline tells
				if (state == JobState.DEPLOYING || state == JobState.RUNNING) {
					job.note(RestartNotes.exited(report), now);
					return Decision.nothing("container restarting");
				}
				return Decision.nothing("the job is " + state);
			}
			case CONTAINER_EXITED -> {
				if (state == JobState.DEPLOYING || state == JobState.RUNNING) {
					return judgeExits(job, containers, produced, now, "still running");
				}
				return Decision.nothing("the job is " + state);
			}
			case REMOVED -> {
				// a LOST job still on its agent (admitted) may hear of its run's end late
				if (report.removal() == RemovalCause.DEADLINE
						&& (state == JobState.RUNNING || state == JobState.STOPPING || state == JobState.LOST)) {
					job.complete("ran for its duration of " + job.getDurationSeconds() + " s: " + agent
							+ " removed the containers at their deadline", now);
					return Decision.changed("duration reached");
				}
				if (report.removal() == RemovalCause.SELF_FENCED && state == JobState.LOST
						&& job.getOnAgentLost() == AgentLostPolicy.REPLACE) {
					// exclusive: it waited for the old run's containers to be gone

					job.replace(agent + " stopped the containers of run " + job.getRunNumber()
							+ " itself (cut off from Kafka)", now);
					return Decision.changed("replaced: the old run's containers are gone");
				}
				if (report.removal() == RemovalCause.SELF_FENCED
						&& (state == JobState.DEPLOYING || state == JobState.RUNNING || state == JobState.LOST)) {
					job.fail(agent + " was cut off from Kafka and stopped the containers itself: " + report.reason(),
							now);
					return Decision.changed("agent fenced itself");
				}
				if (state == JobState.STOPPING) {
					// the stop's reason (user, duration, record limit) stays first
					job.complete(job.getStateReason() + ": containers removed by " + agent, now);
					return Decision.changed("stopped");
				}
				if (state == JobState.DEPLOYING || state == JobState.RUNNING) {
					job.fail("the containers were removed on " + agent + " while the job was " + state, now);
					return Decision.changed("containers gone");
				}
				return Decision.nothing("the job is " + state);
			}
			case PULLING -> {
				if (state == JobState.DEPLOYING) {
					job.deployProgress(agent + " is pulling image " + job.getRunImage(), now);
					return Decision.nothing("still pulling: the deploy timeout counts from now");
				}
				return Decision.nothing("the job is " + state);
			}
			case REMOVE_FAILED -> {
				if (state == JobState.STOPPING) {
					job.fail(agent + " could not remove the containers: " + report.reason(), now);
					return Decision.changed("removal failed");
				}
				return Decision.nothing("the job is " + state);
			}
			default -> {
				return Decision.nothing("unknown report kind");
			}
		}
	}

	/**
	 * Whether a START_FAILED is the agent's refusal for a reason that may pass or that
	 * another agent does not have (it is unhealthy, or has no capacity left: a race with
	 * placement), rather than a failure of the job itself (image not allowed or not
	 * found, a container that failed to start). The agent says so in the report's
	 * {@link StartFailure}; an unknown cause is a failure. Agents that predate the field
	 * send none: for them the two refusal texts of their {@code ContainerStarter} are
	 * matched ("agent &lt;id&gt; is unhealthy: …", "not enough capacity on agent
	 * &lt;id&gt;: …"), which keeps a rolling upgrade (handler first) working.
	 * @param report the START_FAILED report
	 * @return {@code true} if the job may be placed elsewhere
	 */
	static boolean isPassingRefusal(JobReport report) {
		if (report.failure() != null) {
			return report.failure().passing();
		}
		String reason = report.reason();
		if (reason == null) {
			return false;
		}
		return reason.startsWith("agent " + report.agentId() + " is unhealthy:")
				|| reason.startsWith("not enough capacity on agent " + report.agentId() + ":");
	}

	/**
	 * The state a reported container is recorded with: as reported, except that an exited
	 * container its agent restarts (CONTAINER_RESTARTED) is RESTARTING, no exit that ends
	 * the job; and so is a container that a STARTED lists as exited with a code other
	 * than 0 when the job has a restart policy: it exited right after it started, and
	 * whether the agent restarts it or gives up comes with its own exit report
	 * (CONTAINER_RESTARTED or CONTAINER_EXITED, the latter with its output).
	 * @param job the job
	 * @param report the report
	 * @param container one of its containers
	 * @return the state to record
	 */
	static ContainerState recordedState(Job job, JobReport report, ReportedContainer container) {
		if (report.kind() == JobReport.Kind.CONTAINER_RESTARTED) {
			return ContainerState.RESTARTING;
		}
		boolean exitedBadly = container.state().isFinished() && !Integer.valueOf(0).equals(container.exitCode());
		if (report.kind() == JobReport.Kind.STARTED && exitedBadly && job.getRestart().restarts()) {
			return ContainerState.RESTARTING;
		}
		return container.state();
	}

	/**
	 * A container that ended with anything but 0 fails the job; when every container of
	 * the run has exited with 0 the job is complete.
	 */
	private static Decision judgeExits(Job job, List<JobContainer> containers, Supplier<OptionalLong> produced,
			Instant now, String otherwise) {
		List<JobContainer> byIndex = containers.stream()
			.filter((container) -> container.getIndex() >= 0 && container.getIndex() < job.getContainers())
			.sorted(Comparator.comparingInt(JobContainer::getIndex))
			.toList();
		for (JobContainer container : byIndex) {
			if (endedBadly(container)) {
				job.fail(describeEnd(job, container), now);
				return Decision.changed("container failed");
			}
		}
		long exitedWell = byIndex.stream()
			.filter((container) -> container.getState() == ContainerState.EXITED)
			.map(JobContainer::getIndex)
			.distinct()
			.count();
		if (exitedWell == job.getContainers()) {
			String exits = (job.getContainers() == 1) ? "the container exited with code 0"
					: "all " + job.getContainers() + " containers exited with code 0";
			job.complete(limitReached(job, produced) ? job.recordsReached() + ": " + exits : exits, now);
			return Decision.changed("all exited");
		}
		return Decision.nothing(otherwise);
	}

	private static boolean limitReached(Job job, Supplier<OptionalLong> produced) {
		if (job.getMaxRecords() == null) {
			return false;
		}
		OptionalLong count = produced.get();
		return count.isPresent() && count.getAsLong() >= job.getMaxRecords();
	}

	private static boolean endedBadly(JobContainer container) {
		if (container.getState() == ContainerState.DEAD) {
			return true;
		}
		return container.getState() == ContainerState.EXITED
				&& (container.getExitCode() == null || container.getExitCode() != 0);
	}

	private static String describeEnd(Job job, JobContainer container) {
		String name = (container.getName() != null) ? container.getName()
				: "dcf-" + job.getId() + "-" + container.getIndex();
		if (container.getExitCode() == null) {
			return "container " + name + " "
					+ ((container.getState() == ContainerState.DEAD) ? "died" : "exited without an exit code");
		}
		return "container " + name + " exited with code " + container.getExitCode();
	}

	/**
	 * Whether a report may change its job.
	 *
	 * @param accepted {@code true} if it may
	 * @param why why not, for the log
	 * @param removeContainers whether the containers the report speaks of must be removed
	 * from the reporting agent (they run where or when they should not)
	 */
	record Admission(boolean accepted, String why, boolean removeContainers) {

		static final Admission ACCEPTED = new Admission(true, null, false);

		static Admission ignored(String why, boolean removeContainers) {
			return new Admission(false, why, removeContainers);
		}

	}

	/**
	 * What an admitted report did.
	 *
	 * @param summary for the log
	 * @param removeContainers whether the run's containers must be removed from the
	 * reporting agent (beyond what the job's own state change asks for)
	 */
	record Decision(String summary, boolean removeContainers) {

		static Decision changed(String summary) {
			return new Decision(summary, false);
		}

		static Decision nothing(String summary) {
			return new Decision(summary, false);
		}

	}

}
