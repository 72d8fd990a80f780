package dev.dcf.handler.live;

import java.util.HashMap;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.event.EventListener;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import dev.dcf.handler.agent.AgentChanged;
import dev.dcf.handler.job.JobAssigned;
import dev.dcf.handler.job.JobDeleted;
import dev.dcf.handler.job.JobStateChanged;
import dev.dcf.handler.stats.StatsReported;
import dev.dcf.handler.throughput.ThroughputSampled;

/**
 * Pushes domain events to the browsers once the change is committed (so a page that
 * fetches the job on a message sees the new state), or at once when it happened outside a
 * transaction. Job messages go to {@code /topic/jobs} and to the job's own topic, agent
 * messages to {@code /topic/agents}. A failed push is logged and never fails the change
 * that caused it: the pages also catch up when they reconnect.
 */
@Component
class LiveUpdates {

	private static final Log logger = LogFactory.getLog(LiveUpdates.class);

	private final SimpMessagingTemplate messaging;

	private final PostgresLiveNotices others;

	LiveUpdates(SimpMessagingTemplate messaging, PostgresLiveNotices others) {
		this.messaging = messaging;
		this.others = others;
	}

	@TransactionalEventListener(fallbackExecution = true)
	void jobStateChanged(JobStateChanged event) {
		pushJob(JobUpdate.of(event));
	}

	@TransactionalEventListener(fallbackExecution = true)
	void jobAssigned(JobAssigned event) {
		pushJob(JobUpdate.of(event));
	}

	@TransactionalEventListener(fallbackExecution = true)
	void jobDeleted(JobDeleted event) {
		pushJob(JobUpdate.of(event));
	}

	@TransactionalEventListener(fallbackExecution = true)
	void agentChanged(AgentChanged event) {
		push(LiveTopics.AGENTS, AgentUpdate.of(event));
	}

	/**
	 * After each sampling round: every job's newest point to its own topic, and the rates
	 * of all jobs (with their sum) to the jobs page.
	 */
	@EventListener
	void throughputSampled(ThroughputSampled event) {
		Map<String, Double> rates = new HashMap<>();
		event.points().forEach((jobId, latest) -> {
			rates.put(jobId, latest.point().recordsPerSecond());
			pushHere(LiveTopics.throughput(jobId), ThroughputUpdate.of(jobId, latest));
		});
		pushHere(LiveTopics.THROUGHPUT,
				new ThroughputUpdate.All(event.at().toString(), event.totalRecordsPerSecond(), rates));
	}

	/**
	 * Each replaced set of container stats: a small message to each job concerned, whose
	 * page then fetches its stats card.
	 */
	@TransactionalEventListener(fallbackExecution = true)
	void statsReported(StatsReported event) {
		event.jobIds().forEach((jobId) -> push(LiveTopics.stats(jobId), new StatsUpdate(jobId, event.agentId())));
	}

	/**
	 * @param jobId the job whose container stats changed
	 * @param agentId the agent that reported them
	 */
	record StatsUpdate(String jobId, String agentId) {
	}

	private void pushJob(JobUpdate update) {
		push(LiveTopics.JOBS, update);
		push(LiveTopics.job(update.jobId()), update);
	}

	/** Pushes to this handler's browsers and, through the database, to the others'. */
	private void push(String destination, Object payload) {
		pushHere(destination, payload);
		this.others.publish(destination, payload);
	}

	/**
	 * Pushes to this handler's browsers only (every handler samples throughput itself).
	 */
	private void pushHere(String destination, Object payload) {
		try {
			this.messaging.convertAndSend(destination, payload);
		}
		catch (MessagingException ex) {
			logger.warn("Could not push " + payload + " to " + destination, ex);
		}
	}

}
