package dev.dcf.handler.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

/**
 * Whether the handlers' group is reading each partition of a topic: a partition with
 * records waiting whose committed offset has not moved for longer than a limit is
 * stalled. A live handler applies a heartbeat in milliseconds and commits after each, so
 * that happens when the member holding the partition is gone (a handler killed: its
 * static membership keeps its partitions until {@code session.timeout.ms}) or stuck. Used
 * by one thread (the liveness loop's).
 */
final class ReadProgress {

	private final long limitNanos;

	private final Map<TopicPartition, Seen> seen = new HashMap<>();

	/**
	 * @param limit how long records may wait on a partition whose committed offset does
	 * not move
	 */
	ReadProgress(Duration limit) {
		this.limitNanos = limit.toNanos();
	}

	/**
	 * @param ends the end offset of every partition
	 * @param committed the group's committed offsets (missing: nothing committed)
	 * @param nowNanos {@link System#nanoTime()}
	 * @return the stalled partitions, described for a reason ("3 (4 waiting, none applied
	 * for 12 s)")
	 */
	List<String> stalled(Map<TopicPartition, Long> ends, Map<TopicPartition, Long> committed, long nowNanos) {
		List<String> stalled = new ArrayList<>();
		this.seen.keySet().retainAll(ends.keySet());
		for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
			TopicPartition partition = end.getKey();
			long done = committed.getOrDefault(partition, 0L);
			if (end.getValue() <= done) {
				this.seen.remove(partition);
				continue;
			}
			Seen before = this.seen.get(partition);
			if (before == null || before.offset() != done) {
				this.seen.put(partition, new Seen(done, nowNanos));
				continue;
			}
			long waited = nowNanos - before.sinceNanos();
			if (waited > this.limitNanos) {
				stalled.add(partition.partition() + " (" + (end.getValue() - done) + " waiting, none applied for "
						+ Duration.ofNanos(waited).toSeconds() + " s)");
			}
		}
		return stalled;
	}

	private record Seen(long offset, long sinceNanos) {
	}

}
