package dev.dcf.handler.throughput;

import java.util.List;
import java.util.Optional;

import dev.dcf.handler.job.Job;

/**
 * A job's throughput as the API and the job page show it: the measured rates of its
 * latest sampled run against what the job asks for.
 *
 * @param jobId the job
 * @param runNumber the sampled run, the job's current run if none was sampled
 * @param sampling whether the run is being sampled now (the job is RUNNING)
 * @param recordsPerSecond the latest rate, {@code null} if none yet
 * @param bytesPerSecond the latest byte rate, {@code null} if unknown
 * @param averagePerSecond records per second over the sampled time
 * @param peakPerSecond the highest rate between two samples
 * @param targetRate the job's target, {@code null} for none
 * @param deviationPercent how far the latest rate is from the target, in percent of it
 * (negative: under), {@code null} without both
 * @param maxRecords the job's record limit, {@code null} for none
 * @param points the series, oldest first
 */
public record ThroughputView(String jobId, int runNumber, boolean sampling, Double recordsPerSecond,
		Double bytesPerSecond, Double averagePerSecond, Double peakPerSecond, Double targetRate,
		Double deviationPercent, Long maxRecords, List<ThroughputPoint> points) {

	/**
	 * The view of a job.
	 * @param job the job
	 * @param measured its latest sampled run, if any
	 * @return the view
	 */
	public static ThroughputView of(Job job, Optional<JobThroughput> measured) {
		Double target = job.getTargetRate();
		if (measured.isEmpty()) {
			return new ThroughputView(job.getId(), job.getRunNumber(), false, null, null, null, null, target, null,
					job.getMaxRecords(), List.of());
		}
		JobThroughput run = measured.get();
		Double deviation = (target != null && run.recordsPerSecond() != null)
				? Math.round((run.recordsPerSecond() - target) / target * 1000) / 10.0 : null;
		return new ThroughputView(job.getId(), run.runNumber(), run.active(), run.recordsPerSecond(),
				run.bytesPerSecond(), run.averagePerSecond(), run.peakPerSecond(), target, deviation,
				job.getMaxRecords(), run.points());
	}

}
