package dev.dcf.handler.job;

import java.util.Locale;

/**
 * What a firing of a job's schedule does while a run of the job is still active.
 */
public enum ScheduleOverlap {

	/** The firing is skipped and noted in the timeline. */
	SKIP,

	/**
	 * The firing is queued (at most one) and starts a run as soon as the active run ends.
	 */
	QUEUE;

	/**
	 * @param text {@code skip}, {@code queue}, or {@code null}/blank for {@link #SKIP}
	 * @return the overlap, {@code null} if the text names none
	 */
	public static ScheduleOverlap parse(String text) {
		if (text == null || text.isBlank()) {
			return SKIP;
		}
		return switch (text.trim().toLowerCase(Locale.ROOT)) {
			case "skip" -> SKIP;
			case "queue" -> QUEUE;
			default -> null;
		};
	}

	/**
	 * @return the API's spelling
	 */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

}
