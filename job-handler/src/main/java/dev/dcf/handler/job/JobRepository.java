package dev.dcf.handler.job;

import java.util.Collection;
import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/**
 * Jobs. Save a {@link Job} after every change so that its domain events are published.
 */
public interface JobRepository extends JpaRepository<Job, String>, JpaSpecificationExecutor<Job> {

	Page<Job> findByStateIn(Collection<JobState> states, Pageable pageable);

	List<Job> findByStateIn(Collection<JobState> states);

	/** Jobs whose recurring schedule is armed. */
	@Query("select j from Job j where j.schedule.armed = true")
	List<Job> findWithArmedSchedule();

	/**
	 * Names of the other jobs that write to a topic, for deleting it with a job.
	 * @param topic the topic
	 * @param id the job that is deleted
	 * @return up to a few jobs
	 */
	List<Job> findTop3ByTopicAndIdNot(String topic, String id);

	@Query("select j from Job j where j.run.agentId = :agentId and j.state in :states")
	List<Job> findByAgentIdAndStateIn(@Param("agentId") String agentId, @Param("states") Collection<JobState> states);

	/**
	 * The runs of the jobs placed on an agent, as plain values: one query, no entity
	 * loaded (a heartbeat that changes nothing needs no more).
	 * @param agentId the agent
	 * @param states the states of interest
	 * @return the runs, in no particular order
	 */
	@Query("select new dev.dcf.handler.job.RunOnAgent(j.id, j.state, j.run.number, j.containers,"
			+ " j.run.statusSequence) from Job j where j.run.agentId = :agentId and j.state in :states")
	List<RunOnAgent> findRunsOnAgent(@Param("agentId") String agentId, @Param("states") Collection<JobState> states);

	List<Job> findByStateAndOnAgentLostAndExclusiveTrue(JobState state, AgentLostPolicy policy);

	/**
	 * Jobs in a state that have no agent yet: in DEPLOYING, those waiting for placement.
	 * @param state the state
	 * @return the jobs, longest in that state first
	 */
	@Query("select j from Job j where j.state = :state and j.run.agentId is null order by j.stateChangedAt")
	List<Job> findByStateAndAgentIdIsNullOrderByStateChangedAtAsc(@Param("state") JobState state);

	/**
	 * Jobs placed on some agent that are in one of the states.
	 * @param states the states
	 * @return the jobs
	 */
	@Query("select j from Job j where j.run.agentId is not null and j.state in :states")
	List<Job> findByAgentIdIsNotNullAndStateIn(@Param("states") Collection<JobState> states);

	/**
	 * How many jobs are in each state, in one query (states without jobs are absent).
	 * @return one row per state that has jobs
	 */
	@Query("select j.state as state, count(j) as count from Job j group by j.state")
	List<StateCount> countByState();

	/**
	 * A row of {@link #countByState()}.
	 */
	interface StateCount {

		JobState getState();

		long getCount();

	}

}
