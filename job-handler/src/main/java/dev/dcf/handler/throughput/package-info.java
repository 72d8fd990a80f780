/**
 * Live throughput of the running jobs: one batched read of the end offsets (and, where
 * the broker tells them, the log sizes) of every RUNNING job's topic per round, a bounded
 * series of records/s and bytes/s per run, the record limit and the target rate watched
 * against it. Read by the pages, the API and the metrics; pushed to browsers through
 * {@link dev.dcf.handler.throughput.ThroughputSampled} events.
 */
package dev.dcf.handler.throughput;
