package dev.dcf.handler.throughput;

import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.RunningJobs;
import dev.dcf.handler.run.RunService;
import dev.dcf.handler.system.Leadership;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The throughput of the running jobs (docs/handler-runtime.md, "Throughput"). Each round
 * ({@link ThroughputSampler}) samples the topics of all RUNNING jobs at once, adds a
 * point to each run's series, stops a job whose record limit the broker's count reached,
 * notes in the timeline a rate that stayed under 90 % of the job's target, and publishes
 * {@link ThroughputSampled}. When a run is no longer sampled, its bytes and peak rate go
 * to its run report ({@link RunService#measured}). The series live in memory: a restarted
 * handler starts them afresh. Rounds never overlap; reads are thread-safe.
 */
@Service
public class ThroughputService {

	private static final Logger log = LoggerFactory.getLogger(ThroughputService.class);

	private final TopicSampler sampler;

	private final RunningJobs jobs;

	private final RunService runs;

	private final ThroughputProperties properties;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Map<String, RunSeries> current = new ConcurrentHashMap<>();

	private final Map<String, RunSeries> ended;

	private volatile double total;

	private final Leadership leadership;

	/**
	 * @param leadership every handler samples (its GUI, API and metrics show its own
	 * series), only the leader writes what a round finds (record limit, timeline notes,
	 * run report figures); without an election (a test slice) the handler is alone
	 */
	@Autowired
	ThroughputService(TopicSampler sampler, RunningJobs jobs, RunService runs, ThroughputProperties properties,
			ApplicationEventPublisher events, Clock clock, ObjectProvider<Leadership> leadership) {
		this(sampler, jobs, runs, properties, events, clock, leadership.getIfAvailable(() -> Leadership.ALWAYS));
	}

	ThroughputService(TopicSampler sampler, RunningJobs jobs, RunService runs, ThroughputProperties properties,
			ApplicationEventPublisher events, Clock clock, Leadership leadership) {
		this.leadership = leadership;
		this.runs = runs;
		this.sampler = sampler;
		this.jobs = jobs;
		this.properties = properties;
		this.events = events;
		this.clock = clock;
		int kept = properties.keptRuns();
		this.ended = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, RunSeries> eldest) {
				return size() > kept;
			}
		});
	}

	/**
	 * The job's current run if it is being sampled, else its latest run that was.
	 * @param jobId the job
	 * @return its throughput; empty if none of its runs was sampled by this handler
	 */
	public Optional<JobThroughput> of(String jobId) {
		RunSeries series = this.current.get(jobId);
		if (series != null) {
			return Optional.of(series.view());
		}
		synchronized (this.ended) {
			return this.ended.values()
				.stream()
				.filter((candidate) -> candidate.jobId().equals(jobId))
				.reduce((a, b) -> (b.runNumber() > a.runNumber()) ? b : a)
				.map(RunSeries::view);
		}
	}

	/**
	 * What the job page and the API show of a job's throughput.
	 * @param job the job
	 * @return its view
	 */
	public ThroughputView view(Job job) {
		return ThroughputView.of(job, of(job.getId()));
	}

	/**
	 * One run of a job.
	 * @param jobId the job
	 * @param runNumber the run
	 * @return its throughput; empty if this handler did not sample it (or forgot it)
	 */
	public Optional<JobThroughput> of(String jobId, int runNumber) {
		RunSeries series = this.current.get(jobId);
		if (series != null && series.runNumber() == runNumber) {
			return Optional.of(series.view());
		}
		return Optional.ofNullable(this.ended.get(key(jobId, runNumber))).map(RunSeries::view);
	}

	/**
	 * The latest rate of every job being sampled that has one.
	 * @return records per second by job id
	 */
	public Map<String, Double> currentRates() {
		Map<String, Double> rates = new HashMap<>();
		this.current.forEach((jobId, series) -> {
			// the newest point only: a view would copy the whole series of every job
			Double rate = series.latestRate();
			if (rate != null) {
				rates.put(jobId, rate);
			}
		});
		return rates;
	}

	/**
	 * The sum of the latest rates of all jobs being sampled.
	 * @return records per second
	 */
	public double totalRate() {
		return this.total;
	}

	/** One sampling round. */
	void round() {
		List<Job> running = this.jobs.list();
		Set<String> topics = new HashSet<>();
		running.forEach((job) -> topics.add(job.getTopic()));
		Map<String, TopicSample> samples = topics.isEmpty() ? Map.of() : this.sampler.sample(topics);
		Instant at = this.clock.instant();
		Map<String, ThroughputSampled.RunPoint> points = new HashMap<>();
		Set<String> seen = new HashSet<>();
		for (Job job : running) {
			seen.add(job.getId());
			RunSeries series = seriesOf(job);
			TopicSample sample = samples.get(job.getTopic());
			if (sample == null) {
				continue;
			}
			Instant since = series.lastAt();
			ThroughputPoint point = series.add(at, sample);
			if (point != null) {
				points.put(job.getId(), new ThroughputSampled.RunPoint(job.getRunNumber(), point));
				watchTarget(job, series, point, since);
			}
			watchLimit(job, sample);
		}
		this.current.values().removeIf((series) -> {
			if (seen.contains(series.jobId())) {
				return false;
			}
			end(series);
			return true;
		});
		this.total = points.values().stream().mapToDouble((latest) -> latest.point().recordsPerSecond()).sum();
		this.events.publishEvent(new ThroughputSampled(at, points, this.total));
	}

	private RunSeries seriesOf(Job job) {
		return this.current.compute(job.getId(), (id, old) -> {
			if (old != null && old.runNumber() == job.getRunNumber()) {
				return old;
			}
			if (old != null) {
				end(old);
			}
			return new RunSeries(id, job.getRunNumber(), this.properties.maxPoints());
		});
	}

	private void end(RunSeries series) {
		series.end();
		this.ended.put(key(series.jobId(), series.runNumber()), series);
		JobThroughput measured = series.view();
		if (measured.records() == 0 || !this.leadership.isLeader()) {
			// the samples saw none of the run's records (a short run between two rounds):
			// bytes and peak are unknown, not zero; and the leader stores them, not a
			// follower
			return;
		}
		try {
			this.runs.measured(series.jobId(), series.runNumber(), measured.bytes(), measured.peakPerSecond());
		}
		catch (RuntimeException ex) {
			// the figures are for the report only; the next run of the sampler goes on
			log.warn("Could not store the measured figures of job {} run {}: {}", series.jobId(), series.runNumber(),
					ex.toString());
		}
	}

	private void watchTarget(Job job, RunSeries series, ThroughputPoint point, Instant since) {
		Double target = job.getTargetRate();
		if (target == null || !series.underTargetFor(point, since, target, this.properties.underTargetAfter())
				|| !this.leadership.isLeader()) {
			return;
		}
		String text = String.format(Locale.ROOT,
				"measured rate %.1f records/s has stayed under 90 %% of the target %s records/s for %d s",
				point.recordsPerSecond(), plain(target), this.properties.underTargetAfter().toSeconds());
		log.info("Job {} run {}: {}", job.getId(), job.getRunNumber(), text);
		this.jobs.note(job.getId(), job.getRunNumber(), text);
	}

	private void watchLimit(Job job, TopicSample sample) {
		if (job.getMaxRecords() == null || job.getRun().getStartOffsets() == null || !this.leadership.isLeader()) {
			return;
		}
		long produced = sample.records() - job.getRun().getStartOffsets();
		if (produced >= job.getMaxRecords()) {
			this.jobs.recordsCounted(job.getId(), job.getRunNumber(), produced);
		}
	}

	private static String plain(double value) {
		return (value == Math.rint(value)) ? Long.toString((long) value) : Double.toString(value);
	}

	private static String key(String jobId, int runNumber) {
		return jobId + "/" + runNumber;
	}

}
