package dev.dcf.handler.job;

import java.util.Optional;

/**
 * Port to what the broker knows about a job's topic (implemented in {@code messaging}),
 * for the job page. Answers from a cache and never waits on the broker for more than a
 * moment, so a page view does not hang on Kafka.
 */
public interface TopicInspector {

	/**
	 * The newest facts known about a topic, refreshed in the background when they are
	 * older than a few seconds.
	 * @param topic the topic
	 * @return the facts, empty if the broker has not answered yet
	 */
	Optional<TopicFacts> inspect(String topic);

}
