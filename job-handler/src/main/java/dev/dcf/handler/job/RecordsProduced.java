package dev.dcf.handler.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Counts the records a job's run produced (docs/handler-runtime.md, "Records produced"):
 * the sum of its topic's end offsets now minus the sum when the run was deployed. Another
 * writer of the same topic counts too: the figure is what the topic grew by while the job
 * ran. Computed on demand, the topic's offsets cached for {@link #CACHE_TIME}; frozen on
 * the job when it leaves RUNNING. Unknown (empty) when the offsets could not be read at
 * the start.
 *
 * <p>
 * The two offset reads run inside the transaction of the job change (listening to its
 * {@link JobStateChanged}), bounded by the port's short timeout.
 */
@Component
public class RecordsProduced {

	private static final Logger log = LoggerFactory.getLogger(RecordsProduced.class);

	static final Duration CACHE_TIME = Duration.ofSeconds(3);

	/** Cache size above which expired entries are dropped. */
	static final int PRUNE_ABOVE = 100;

	private final TopicOffsets offsets;

	private final JobRepository jobs;

	private final Clock clock;

	private final Map<String, Cached> cache = new ConcurrentHashMap<>();

	RecordsProduced(TopicOffsets offsets, JobRepository jobs, Clock clock) {
		this.offsets = offsets;
		this.jobs = jobs;
		this.clock = clock;
	}

	/**
	 * The records the job's current run produced: frozen once it left RUNNING, live while
	 * it runs.
	 * @param job the job
	 * @return the count; empty if unknown (never RUNNING in this run, or offsets not
	 * readable)
	 */
	public OptionalLong of(Job job) {
		if (job.getRun().getRecordsProduced() != null) {
			return OptionalLong.of(job.getRun().getRecordsProduced());
		}
		if (job.getState() != JobState.RUNNING || job.getRun().getStartOffsets() == null) {
			return OptionalLong.empty();
		}
		return count(job, cached(job.getTopic()));
	}

	/**
	 * The records the job's current run produced, read from the broker now (no cache):
	 * for decisions that must not act on a count a few seconds old.
	 * @param job the job
	 * @return the count; empty if unknown
	 */
	public OptionalLong countNow(Job job) {
		if (job.getRun().getRecordsProduced() != null) {
			return OptionalLong.of(job.getRun().getRecordsProduced());
		}
		return count(job, fresh(job.getTopic()));
	}

	@EventListener
	void on(JobStateChanged changed) {
		// the baseline is taken when the run is deployed, before its CREATE is sent: a
		// busy handler may see the STARTED report after the generator wrote its first
		// records. RUNNING takes it only if that read failed.
		boolean baseline = changed.to() == JobState.DEPLOYING || changed.to() == JobState.RUNNING;
		boolean leavesRunning = changed.from() == JobState.RUNNING;
		if (!baseline && !leavesRunning) {
			return;
		}
		if (leavesRunning && changed.to() == JobState.DEPLOYING) {
			// moved off a draining agent: the count goes on from the first run's start
			return;
		}
		// the job being saved: served from the persistence context
		this.jobs.findById(changed.jobId()).ifPresent((job) -> {
			if (baseline && job.getRun().getStartOffsets() != null) {
				// taken at deploy, or resumed or replaced: the count goes on from the
				// run's
				// start
				return;
			}
			OptionalLong sum = fresh(job.getTopic());
			if (baseline) {
				sum.ifPresentOrElse(job::recordRunStartOffsets,
						() -> log.warn("Offsets of topic {} unreadable when job {} became {}", job.getTopic(),
								job.getId(), changed.to()));
			}
			else {
				count(job, sum).ifPresent(job::freezeRecordsProduced);
			}
		});
	}

	private static OptionalLong count(Job job, OptionalLong sum) {
		if (sum.isEmpty() || job.getRun().getStartOffsets() == null) {
			return OptionalLong.empty();
		}
		return OptionalLong.of(Math.max(0, sum.getAsLong() - job.getRun().getStartOffsets()));
	}

	private OptionalLong cached(String topic) {
		Instant now = this.clock.instant();
		Cached hit = this.cache.get(topic);
		if (hit != null && now.isBefore(hit.at().plus(CACHE_TIME))) {
			return OptionalLong.of(hit.sum());
		}
		return fresh(topic);
	}

	private OptionalLong fresh(String topic) {
		OptionalLong sum = this.offsets.endOffsetSum(topic);
		if (sum.isPresent()) {
			Instant now = this.clock.instant();
			this.cache.put(topic, new Cached(sum.getAsLong(), now));
			if (this.cache.size() > PRUNE_ABOVE) {
				// every job deployed once leaves its topic here: expired entries go, so
				// the
				// cache holds the topics read in the last few seconds, not every job's
				Instant expired = now.minus(CACHE_TIME);
				this.cache.values().removeIf((cached) -> !cached.at().isAfter(expired));
			}
		}
		return sum;
	}

	/** Topics in the cache (for tests). */
	int cachedTopics() {
		return this.cache.size();
	}

	private record Cached(long sum, Instant at) {
	}

}
