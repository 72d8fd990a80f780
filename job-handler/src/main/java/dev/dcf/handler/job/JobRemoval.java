package dev.dcf.handler.job;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Deleting a job together with its topic when its cleanup policy is
 * {@code delete-with-job}. The broker is asked outside any database transaction: first
 * {@link JobService#topicFate} decides (in a read-only transaction), then the topic is
 * deleted, and only then the job. A topic another job also names is kept; a broker that
 * refuses or does not answer keeps the job too (409 with the reason), so a job is never
 * gone while its topic stays against its policy. Should the job be started between the
 * topic's deletion and its own (the delete then answers 409), its placement creates the
 * topic again: nothing is left inconsistent.
 */
@Service
public class JobRemoval {

	private static final Logger log = LoggerFactory.getLogger(JobRemoval.class);

	private final JobService jobs;

	private final JobTopics topics;

	public JobRemoval(JobService jobs, JobTopics topics) {
		this.jobs = jobs;
		this.topics = topics;
	}

	/**
	 * Deletes a job that is not active, and its topic if its policy says so.
	 * @param id the job id
	 * @param actor who asks
	 * @return what happened to the topic, for people: {@code null} if the job keeps its
	 * topic by policy
	 * @throws JobNotFoundException if there is none
	 * @throws NotJobOwnerException if the actor may not control the job
	 * @throws JobConflictException if the job is active, or its topic could not be
	 * deleted (the job is kept)
	 */
	public String delete(String id, Actor actor) {
		JobService.TopicFate fate = this.jobs.topicFate(id, actor);
		String outcome = fate.keptBecause();
		if (fate.delete()) {
			String problem = this.topics.delete(fate.topic());
			if (problem != null) {
				throw new JobConflictException("Job " + id + " is kept: its topic " + fate.topic()
						+ " (cleanup delete-with-job) could not be deleted: " + problem);
			}
			log.info("Topic {} deleted with job {}", fate.topic(), id);
			outcome = "topic " + fate.topic() + " deleted";
		}
		this.jobs.delete(id, actor);
		return outcome;
	}

}
