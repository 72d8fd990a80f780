package dev.dcf.handler.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.dcf.handler.job.ContainerState;
import dev.dcf.handler.job.EnvVar;
import dev.dcf.handler.job.JobContainer;
import dev.dcf.handler.job.JobEvent;

/**
 * What the job detail page shows beyond the row: env (secret values masked), the timeline
 * (newest first) and the containers of the current run.
 *
 * @param row the job and the user's actions
 * @param env the environment, masked
 * @param timeline state changes, newest first
 * @param containers the containers of the current run
 * @param recordsProduced records the current run produced (live while RUNNING, frozen
 * after), {@code null} if unknown
 */
public record JobDetail(JobRow row, List<Env> env, List<Step> timeline, List<Container> containers,
		Long recordsProduced) {

	static JobDetail of(JobRow row, List<JobEvent> events, List<JobContainer> containers, Long recordsProduced) {
		List<Env> env = row.job()
			.getEnv()
			.stream()
			.map((EnvVar variable) -> new Env(variable.name(), variable.shown(), variable.secret()))
			.toList();
		List<Step> timeline = new ArrayList<>(events.stream().map(Step::of).toList());
		Collections.reverse(timeline);
		return new JobDetail(row, env, List.copyOf(timeline), containers.stream().map(Container::of).toList(),
				recordsProduced);
	}

	/**
	 * One environment variable as shown.
	 *
	 * @param name its name
	 * @param value its value, or a mask
	 * @param masked whether the value is masked
	 */
	public record Env(String name, String value, boolean masked) {
	}

	/**
	 * One entry of the timeline.
	 *
	 * @param event the event
	 * @param color the Bootstrap colour of its target state
	 */
	public record Step(JobEvent event, String color) {

		static Step of(JobEvent event) {
			return new Step(event, Badges.jobState(event.to()));
		}

	}

	/**
	 * One container.
	 *
	 * @param container the container as last reported
	 * @param shortId the first 12 characters of Docker's id
	 * @param color the Bootstrap colour of its state
	 */
	public record Container(JobContainer container, String shortId, String color) {

		static Container of(JobContainer container) {
			String id = container.getContainerId();
			String shortId = (id != null && id.length() > 12) ? id.substring(0, 12) : id;
			ContainerState state = container.getState();
			return new Container(container, shortId, Badges.containerState(state));
		}

	}

}
