package dev.dcf.handler.job;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * The cron syntax of schedules, as the scheduler that fires them understands it
 * (implemented next to Quartz in the schedule feature, which the job feature does not
 * know).
 */
public interface CronRules {

	/**
	 * Rules for validators built without a scheduler (unit tests of other rules): every
	 * expression passes, none fires.
	 */
	CronRules UNCHECKED = new CronRules() {

		@Override
		public String problem(String cron) {
			return null;
		}

		@Override
		public List<Instant> nextFirings(String cron, ZoneId zone, Instant after, int count) {
			return List.of();
		}

	};

	/**
	 * @param cron a cron expression
	 * @return what is wrong with it, {@code null} if it is valid and fires at all
	 */
	String problem(String cron);

	/**
	 * @param cron a valid cron expression
	 * @param zone the zone it is read in
	 * @param after the times returned are later than this
	 * @param count how many
	 * @return the next firings, fewer if the expression ends
	 */
	List<Instant> nextFirings(String cron, ZoneId zone, Instant after, int count);

}
