package dev.dcf.handler.web;

import java.util.List;

import dev.dcf.handler.job.TopicFacts;
import dev.dcf.handler.peek.PeekUnavailableException;
import dev.dcf.handler.peek.PeekedRecord;
import dev.dcf.handler.peek.RecordPeek;

/**
 * The job page's "Latest records" card: the records, or why there are none to show. The
 * page stays usable whatever the broker does: an unreachable broker is a sentence on the
 * card, never an error page.
 *
 * @param jobId the job, for the card's refresh link
 * @param records newest first, empty when {@code problem} is set
 * @param problem why the records cannot be shown, {@code null} if they can
 */
public record RecordsCard(String jobId, List<PeekedRecord> records, String problem) {

	/** How many records the card shows. */
	static final int LIMIT = RecordPeek.DEFAULT_LIMIT;

	/**
	 * For the page: peeks unless the broker's facts of a moment ago say there is no topic
	 * yet. Facts missing (the broker slow to answer, or away) do not stop it: the peek
	 * has its own bound.
	 * @param facts what the broker said of the topic, {@code null} if it did not answer
	 */
	static RecordsCard of(RecordPeek peek, String jobId, String topic, TopicFacts facts) {
		if (facts != null && !facts.exists()) {
			return new RecordsCard(jobId, List.of(), null);
		}
		return of(peek, jobId, topic);
	}

	/** For the refresh: peeks. */
	static RecordsCard of(RecordPeek peek, String jobId, String topic) {
		try {
			return new RecordsCard(jobId, peek.latest(topic, LIMIT), null);
		}
		catch (PeekUnavailableException ex) {
			return new RecordsCard(jobId, List.of(), "Records unknown: " + ex.getMessage() + ".");
		}
	}

}
