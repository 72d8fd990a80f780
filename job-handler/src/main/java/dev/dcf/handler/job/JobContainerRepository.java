package dev.dcf.handler.job;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/**
 * The containers of jobs, as last reported by their agents.
 */
public interface JobContainerRepository extends JpaRepository<JobContainer, String> {

	List<JobContainer> findByJobIdAndRunNumberOrderByIndex(String jobId, int runNumber);

	Optional<JobContainer> findByJobIdAndRunNumberAndIndex(String jobId, int runNumber, int index);

	List<JobContainer> findByAgentIdOrderByJobIdAscIndexAsc(String agentId);

	@Modifying
	@Query("delete from JobContainer c where c.jobId = :jobId")
	int deleteByJobId(String jobId);

}
