package dev.dcf.handler.job;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * One action over many jobs (the jobs page's selection, {@code POST /api/jobs/bulk}):
 * each job in a transaction of its own, under the same rules as the single action (only
 * the owner or an administrator; a running job cannot be deleted), so one job's refusal
 * leaves the others' outcomes alone. Not transactional itself.
 */
@Service
public class JobBulk {

	/** Most jobs in one request. */
	public static final int MAX_IDS = 500;

	private static final Logger log = LoggerFactory.getLogger(JobBulk.class);

	private final JobService jobs;

	private final JobRemoval removal;

	JobBulk(JobService jobs, JobRemoval removal) {
		this.jobs = jobs;
		this.removal = removal;
	}

	/**
	 * Applies an action to each job, in the order given (a repeated id once).
	 * @param action the action
	 * @param ids the jobs
	 * @param actor who asks
	 * @return one outcome per distinct id, in order
	 */
	public List<Outcome> apply(Action action, List<String> ids, Actor actor) {
		List<Outcome> outcomes = new ArrayList<>();
		for (String id : new LinkedHashSet<>(ids)) {
			try {
				outcomes.add(switch (action) {
					case START -> Outcome.ok(id, this.jobs.start(id, actor).getState());
					case STOP -> Outcome.ok(id, this.jobs.stop(id, actor).getState());
					case DELETE -> {
						this.removal.delete(id, actor);
						yield Outcome.ok(id, null);
					}
				});
			}
			catch (RuntimeException ex) {
				log.debug("Bulk {} of job {} by {} refused: {}", action, id, actor.name(), ex.getMessage());
				outcomes.add(new Outcome(id, null, ex));
			}
		}
		return outcomes;
	}

	/**
	 * What can be done to many jobs at once.
	 */
	public enum Action {

		START, STOP, DELETE;

		/**
		 * @param text {@code start}, {@code stop} or {@code delete}, ignoring case
		 * @return the action, {@code null} if none
		 */
		public static Action parse(String text) {
			for (Action action : values()) {
				if (action.name().equalsIgnoreCase((text != null) ? text.strip() : "")) {
					return action;
				}
			}
			return null;
		}

		public String label() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/**
	 * What became of one job.
	 *
	 * @param id the job
	 * @param state its state afterwards; {@code null} if it was deleted or refused
	 * @param failure why it was refused; {@code null} if the action was done
	 */
	public record Outcome(String id, JobState state, RuntimeException failure) {

		static Outcome ok(String id, JobState state) {
			return new Outcome(id, state, null);
		}

		public boolean ok() {
			return this.failure == null;
		}

	}

}
