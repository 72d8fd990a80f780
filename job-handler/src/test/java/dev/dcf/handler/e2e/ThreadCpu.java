package dev.dcf.handler.e2e;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a benchmark's CPU went, by thread: a snapshot of every live thread's CPU time and
 * of the process's, and the difference to a later snapshot grouped by the threads' names
 * with their numbers taken out ({@code kafka-producer-network-thread | producer-12} and
 * {@code ... | producer-7} are one group). Threads that ended in between are not counted,
 * which the process total shows.
 */
final class ThreadCpu {

	private final Map<Long, Long> nanosById = new HashMap<>();

	private final Map<Long, String> names = new HashMap<>();

	private final long processNanos;

	private ThreadCpu() {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
			if (info != null) {
				this.nanosById.put(info.getThreadId(), Math.max(0, threads.getThreadCpuTime(info.getThreadId())));
				this.names.put(info.getThreadId(), info.getThreadName());
			}
		}
		this.processNanos = (ManagementFactory
			.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) ? os.getProcessCpuTime()
					: -1;
	}

	static ThreadCpu now() {
		return new ThreadCpu();
	}

	/**
	 * The CPU since {@code before} per unit of work, largest groups first, as table rows.
	 * @param before the earlier snapshot
	 * @param units how many units of work (jobs) it was spent on
	 * @param top how many groups to list before "all other threads"
	 * @return the rows, header first
	 */
	List<String> since(ThreadCpu before, int units, int top) {
		Map<String, Long> byGroup = new TreeMap<>();
		this.nanosById.forEach((id, nanos) -> byGroup.merge(group(this.names.get(id)),
				nanos - before.nanosById.getOrDefault(id, 0L), Long::sum));
		List<Map.Entry<String, Long>> sorted = new ArrayList<>(byGroup.entrySet());
		sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed());
		List<String> rows = new ArrayList<>();
		rows.add("| threads | CPU | per job |");
		rows.add("|---|---|---|");
		long listed = 0;
		long threadsTotal = 0;
		for (int i = 0; i < sorted.size(); i++) {
			long nanos = sorted.get(i).getValue();
			threadsTotal += nanos;
			if (i < top) {
				listed += nanos;
				rows.add(row("`" + sorted.get(i).getKey() + "`", nanos, units));
			}
		}
		rows.add(row("all other threads", threadsTotal - listed, units));
		if (this.processNanos >= 0) {
			rows.add(row("**the process** (with the JVM's own threads: JIT, GC)",
					this.processNanos - before.processNanos, units));
		}
		return rows;
	}

	/**
	 * The CPU since {@code before} of the threads whose names start with a prefix.
	 * @param before the earlier snapshot
	 * @param prefix e.g. {@code http-nio-}
	 * @return nanoseconds
	 */
	long nanosSince(ThreadCpu before, String prefix) {
		long sum = 0;
		for (Map.Entry<Long, Long> thread : this.nanosById.entrySet()) {
			if (this.names.get(thread.getKey()).startsWith(prefix)) {
				sum += thread.getValue() - before.nanosById.getOrDefault(thread.getKey(), 0L);
			}
		}
		return sum;
	}

	private static String row(String name, long nanos, int units) {
		return String.format(Locale.ROOT, "| %s | %.1f s | %.1f ms |", name, nanos / 1e9, nanos / 1e6 / units);
	}

	/** The name without numbers and hex ids, so that a pool's threads are one group. */
	static String group(String name) {
		return name.replaceAll("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}", "<id>")
			.replaceAll("\\d+", "#")
			.replaceAll("#(-#)+", "#");
	}

}
