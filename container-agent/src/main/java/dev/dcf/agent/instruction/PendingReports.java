package dev.dcf.agent.instruction;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.dcf.agent.report.JobReport;
import dev.dcf.agent.report.KafkaContact;
import dev.dcf.agent.report.Reporter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports of what the agent did by itself (deadlines, self-fencing) that must reach the
 * handler even though Kafka may be away right now: kept in memory, in order, and sent
 * again until the broker acknowledges them. Lost when the agent stops (a restarted agent
 * that finds no containers has nothing to report; the handler sees them missing from its
 * heartbeats). Thread-safe; one flush at a time keeps the order.
 */
final class PendingReports {

	private static final Logger log = LoggerFactory.getLogger(PendingReports.class);

	private final Reporter reporter;

	private final KafkaContact contact;

	private final Queue<JobReport> queue = new ConcurrentLinkedQueue<>();

	private final Object flushing = new Object();

	private boolean failing;

	PendingReports(Reporter reporter, KafkaContact contact) {
		this.reporter = reporter;
		this.contact = contact;
	}

	void add(JobReport report) {
		this.queue.add(report);
	}

	/**
	 * Sends what is pending, oldest first, up to the first report that is not delivered
	 * (it and those after it stay for the next flush).
	 * @return whether nothing is pending any more
	 */
	boolean flush() {
		synchronized (this.flushing) {
			JobReport next;
			while ((next = this.queue.peek()) != null) {
				try {
					this.reporter.send(next);
				}
				catch (RuntimeException ex) {
					if (!this.failing) {
						log.warn("{} of job {} not delivered yet, {} reports pending, retrying: {}", next.kind(),
								next.jobId(), this.queue.size(), ex.getMessage());
						this.failing = true;
					}
					return false;
				}
				this.queue.poll();
				this.contact.acknowledged();
				if (this.failing) {
					log.info("Pending reports are delivered again");
					this.failing = false;
				}
				log.info("Reported {} of job {} run {} ({})", next.kind(), next.jobId(), next.runNumber(),
						next.reason());
			}
			return true;
		}
	}

	List<JobReport> pending() {
		return List.copyOf(this.queue);
	}

}
