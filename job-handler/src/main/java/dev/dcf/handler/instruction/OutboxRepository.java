package dev.dcf.handler.instruction;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Unsent instructions.
 */
interface OutboxRepository extends JpaRepository<OutboxEntry, Long> {

	/**
	 * The oldest unsent instructions.
	 * @return at most 50, in the order they were written
	 */
	List<OutboxEntry> findTop50ByOrderBySeqAsc();

	/**
	 * The oldest unsent instructions written after one.
	 * @param seq the sequence to read after
	 * @return at most 500, in the order they were written
	 */
	List<OutboxEntry> findTop500BySeqGreaterThanOrderBySeqAsc(long seq);

}
