package dev.dcf.handler.job;

/**
 * A {@link JobTopics} for unit tests that are not about topics: every topic exists with
 * the partitions asked for, and deleting always works.
 */
public final class TopicsAlwaysThere implements JobTopics {

	@Override
	public TopicPreparation prepare(TopicSpec spec) {
		return new TopicPreparation.Ready(false, spec.partitions(), spec.truncate() ? 0L : null);
	}

	@Override
	public String delete(String topic) {
		return null;
	}

}
