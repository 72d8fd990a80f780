package dev.dcf.handler.web;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import dev.dcf.handler.stats.ContainerSample;
import dev.dcf.handler.stats.StatsTotals;

/**
 * The container stats of a job or an agent as the pages show them (fragments/stats.html):
 * one line per running container, the totals, formatted.
 *
 * @param lines one per container with a sample
 * @param total the sums, {@code null} for fewer than two containers
 */
public record StatsCard(List<Line> lines, Line total) {

	static final String NONE = "—";

	static StatsCard of(List<ContainerSample> samples, Formats fmt) {
		List<Line> lines = samples.stream()
			.map((sample) -> new Line(sample.jobId(), sample.index(), sample.agentId(),
					cpu(sample.stats().cpuPercent()), sample.stats().memoryBytes(), sample.stats().memoryLimitBytes(),
					network(sample.stats().networkTxBytes(), fmt), sample.stats().sampledAt(), fmt))
			.toList();
		StatsTotals totals = StatsTotals.of(samples);
		Line total = (samples.size() < 2) ? null : new Line(null, -1, null, cpu(totals.cpuPercent()),
				totals.memoryBytes(), totals.memoryLimitBytes(), network(totals.networkTxBytes(), fmt), null, fmt);
		return new StatsCard(lines, total);
	}

	/** Whether there is nothing to show. */
	public boolean isEmpty() {
		return this.lines.isEmpty();
	}

	private static String cpu(double percent) {
		return String.format(Locale.ROOT, (percent < 10) ? "%.2f %%" : "%.1f %%", percent);
	}

	private static String network(Long bytes, Formats fmt) {
		return (bytes != null) ? fmt.bytes(bytes) : NONE;
	}

	/**
	 * @param jobId the container's job ({@code null} for totals)
	 * @param index its index ({@code -1} for totals)
	 * @param agentId its agent ({@code null} for totals)
	 * @param cpu CPU %, e.g. {@code 12.5 %}
	 * @param memory e.g. {@code 100 MiB / 256 MiB}
	 * @param memoryPercent used of the limit, 0..100, {@code null} without a limit
	 * @param memoryColor bootstrap colour of the bar: fine, above 75 %, above 90 %
	 * @param network bytes sent, or {@code —} without a network of its own
	 * @param sampledAt when the sample was read ({@code null} for totals)
	 */
	public record Line(String jobId, int index, String agentId, String cpu, String memory, Double memoryPercent,
			String memoryColor, String network, Instant sampledAt) {

		Line(String jobId, int index, String agentId, String cpu, long memoryBytes, Long limitBytes, String network,
				Instant sampledAt, Formats fmt) {
			this(jobId, index, agentId, cpu,
					fmt.bytes(memoryBytes) + ((limitBytes != null) ? " / " + fmt.bytes(limitBytes) : ""),
					percent(memoryBytes, limitBytes), color(percent(memoryBytes, limitBytes)), network, sampledAt);
		}

		private static Double percent(long used, Long limit) {
			return (limit != null && limit > 0) ? Math.round(1000.0 * used / limit) / 10.0 : null;
		}

		private static String color(Double percent) {
			if (percent == null || percent <= 75) {
				return "info";
			}
			return (percent <= 90) ? "warning" : "danger";
		}

	}

}
