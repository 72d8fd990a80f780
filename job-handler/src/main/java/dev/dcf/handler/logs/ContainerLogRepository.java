package dev.dcf.handler.logs;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface ContainerLogRepository extends JpaRepository<ContainerLog, String> {

	Optional<ContainerLog> findByJobIdAndRunNumberAndContainerIndex(String jobId, int runNumber, int containerIndex);

	Optional<ContainerLog> findFirstByJobIdAndContainerIndexOrderByRunNumberDesc(String jobId, int containerIndex);

	List<ContainerLog> findByJobIdOrderByRunNumberDescContainerIndexAsc(String jobId);

	@Query("select max(l.runNumber) from ContainerLog l where l.jobId = ?1")
	Integer newestRun(String jobId);

	@Modifying
	@Query("delete from ContainerLog l where l.jobId = ?1 and l.runNumber < ?2")
	int deleteRunsBefore(String jobId, int runNumber);

}
