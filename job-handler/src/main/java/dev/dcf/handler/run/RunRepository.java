package dev.dcf.handler.run;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * The runs of jobs.
 */
interface RunRepository extends JpaRepository<Run, String> {

	List<Run> findByJobIdOrderByRunNumberDesc(String jobId);

	Optional<Run> findByJobIdAndRunNumber(String jobId, int runNumber);

	List<Run> findByJobIdAndRunNumberLessThanAndEndedAtIsNull(String jobId, int runNumber);

}
