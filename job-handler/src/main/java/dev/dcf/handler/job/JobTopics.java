package dev.dcf.handler.job;

/**
 * Port to the broker for the jobs' data topics (implemented in {@code messaging}):
 * prepares a job's topic before its containers are started and deletes it with the job.
 * Every call is bounded by {@code dcf.handler.topic-admin-timeout}; callers must not hold
 * a database transaction while they wait.
 */
public interface JobTopics {

	/**
	 * Creates the topic if it is missing (with the job's partitions, replication factor
	 * and retention), otherwise reads how many partitions it has; then, if asked, deletes
	 * all its records.
	 * @param spec what the job asks for
	 * @return what the broker did or why it could not
	 */
	TopicPreparation prepare(TopicSpec spec);

	/**
	 * Deletes a topic; one that does not exist counts as deleted.
	 * @param topic the topic
	 * @return {@code null} if the topic is gone, otherwise why it could not be deleted
	 * (the broker's reason, or that it did not answer in time)
	 */
	String delete(String topic);

}
