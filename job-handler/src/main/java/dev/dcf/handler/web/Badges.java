package dev.dcf.handler.web;

import dev.dcf.handler.agent.AgentState;
import dev.dcf.handler.job.ContainerState;
import dev.dcf.handler.job.JobState;

/**
 * Bootstrap colours of states, the same on every page.
 */
final class Badges {

	private Badges() {
	}

	static String jobState(JobState state) {
		return switch (state) {
			case CREATED -> "secondary";
			case SCHEDULED -> "info";
			case DEPLOYING, STOPPING -> "warning";
			case RUNNING -> "success";
			case COMPLETED -> "primary";
			case FAILED -> "danger";
			case LOST -> "dark";
		};
	}

	static String agentState(AgentState state) {
		return switch (state) {
			case HEALTHY -> "success";
			case UNHEALTHY -> "danger";
			case STOPPING -> "warning";
			case LOST -> "dark";
		};
	}

	static String containerState(ContainerState state) {
		return switch (state) {
			case RUNNING -> "success";
			case CREATED, RESTARTING, PAUSED -> "warning";
			case EXITED, REMOVED -> "secondary";
			case DEAD -> "danger";
			case UNKNOWN -> "light";
		};
	}

}
