package dev.dcf.handler.job;

import java.util.Objects;

/**
 * Who asks for a change: a user name and whether the user is an administrator.
 *
 * @param name the user name
 * @param admin whether the user may act on every job
 */
public record Actor(String name, boolean admin) {

	public Actor {
		Objects.requireNonNull(name, "name");
	}

	/**
	 * Whether this actor may start, stop or delete the job: its owner or an
	 * administrator.
	 * @param job the job
	 * @return {@code true} if allowed
	 */
	public boolean mayControl(Job job) {
		return this.admin || this.name.equals(job.getOwner());
	}

}
