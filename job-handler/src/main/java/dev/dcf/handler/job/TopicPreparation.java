package dev.dcf.handler.job;

import java.util.ArrayList;
import java.util.List;

/**
 * What came of preparing a job's topic ({@link JobTopics#prepare}), and what the job
 * makes of it. The decisions are pure: {@link #notes} says what goes into the timeline.
 */
public sealed interface TopicPreparation {

	/**
	 * The topic is there.
	 *
	 * @param created whether DCF created it just now
	 * @param partitions how many partitions it has
	 * @param truncatedRecords how many records were deleted, {@code null} if it was not
	 * truncated
	 */
	record Ready(boolean created, int partitions, Long truncatedRecords) implements TopicPreparation {

	}

	/**
	 * The broker refused in a way retrying cannot cure (not allowed, bad config, a
	 * replication factor larger than the brokers, a policy): the start fails.
	 *
	 * @param reason the broker's reason
	 */
	record Refused(String reason) implements TopicPreparation {

	}

	/**
	 * The broker did not answer in time, or answered with an error that may pass: the job
	 * waits and placement tries again (its placement timeout applies).
	 *
	 * @param reason why, for the log and the failure at the placement timeout
	 */
	record Unanswered(String reason) implements TopicPreparation {

	}

	/**
	 * The timeline entries a ready topic deserves: that it was created, that an existing
	 * topic has fewer partitions than the job asks for (it is never changed), that its
	 * records were deleted. An existing topic with as many or more partitions is fine and
	 * noted by nothing.
	 * @param spec what the job asked for
	 * @param ready what the broker did
	 * @return the entries, possibly empty
	 */
	static List<String> notes(TopicSpec spec, Ready ready) {
		List<String> notes = new ArrayList<>();
		if (ready.created()) {
			notes.add("topic " + spec.topic() + " created with " + ready.partitions() + " partitions");
		}
		else if (ready.partitions() < spec.partitions()) {
			notes.add("warning: topic " + spec.topic() + " exists with " + ready.partitions()
					+ " partitions, fewer than the " + spec.partitions()
					+ " the job asks for; DCF does not change an existing topic");
		}
		if (ready.truncatedRecords() != null) {
			notes.add("topic " + spec.topic() + " truncated before the run (cleanup truncate-before-run): "
					+ ready.truncatedRecords() + " records deleted");
		}
		return notes;
	}

}
