package dev.dcf.handler.instruction;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Queues instructions to agents. Always inside the transaction of the change that calls
 * for them, so a change and its instruction are stored together or not at all; the
 * {@link OutboxRelay} sends them after the commit, in the order they were queued.
 */
@Service
@Transactional(propagation = Propagation.MANDATORY)
public class InstructionOutbox {

	private static final Logger log = LoggerFactory.getLogger(InstructionOutbox.class);

	private final OutboxRepository entries;

	private final ApplicationEventPublisher events;

	InstructionOutbox(OutboxRepository entries, ApplicationEventPublisher events) {
		this.entries = entries;
		this.events = events;
	}

	/**
	 * Queues a CREATE of the job's containers on the agent it was placed on.
	 * @param jobId the job
	 * @param runNumber its current run
	 * @param agentId the agent it was placed on
	 * @param now the current time
	 */
	public void create(String jobId, int runNumber, String agentId, Instant now) {
		queue(new OutboxEntry(Instruction.Operation.CREATE, agentId, jobId, runNumber, "placed on agent " + agentId,
				now));
	}

	/**
	 * Queues a DELETE of the job's containers up to {@code runNumber} on an agent.
	 * @param jobId the job
	 * @param runNumber the newest run to remove
	 * @param agentId the agent that has them
	 * @param reason why, for the log
	 * @param now the current time
	 */
	public void delete(String jobId, int runNumber, String agentId, String reason, Instant now) {
		queue(new OutboxEntry(Instruction.Operation.DELETE, agentId, jobId, runNumber, reason, now));
	}

	private void queue(OutboxEntry entry) {
		this.entries.save(entry);
		log.debug("Queued {}: {}", entry, entry.getReason());
		this.events.publishEvent(new InstructionQueued(entry.getInstructionId()));
	}

}
