package dev.dcf.handler.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A run report as CSV (RFC 4180, comma, CRLF): a header line, then one line per container
 * with the run's figures repeated on each, so a spreadsheet can sort and filter it as one
 * table; a run without containers has one line with the container columns empty. Times
 * are ISO-8601 UTC, rates have two decimals, unknown values are empty. A text cell that a
 * spreadsheet would take for a formula ({@code = + - @}, tab, carriage return) gets a
 * leading {@code '}.
 */
public final class RunCsv {

	/** The columns, in order. */
	public static final List<String> HEADER = List.of("job_id", "job_name", "run", "state", "end_reason", "agents",
			"started_at", "running_at", "ended_at", "run_seconds", "image", "image_digest", "seed", "env", "records",
			"bytes", "avg_records_per_second", "peak_records_per_second", "container_index", "container_id",
			"container_agent", "container_state", "exit_code", "container_started_at", "container_finished_at");

	private RunCsv() {
	}

	/**
	 * The report as CSV.
	 * @param report the report
	 * @return the text, ending with a line break
	 */
	public static String of(RunReport report) {
		StringBuilder csv = new StringBuilder();
		line(csv, HEADER.stream().map(RunCsv::cell).toList());
		List<String> run = List.of(text(report.jobId()), text(report.jobName()), num(report.runNumber()),
				text(String.valueOf(report.state())), text(report.endReason()), text(String.join(" ", report.agents())),
				time(report.startedAt()), time(report.runningAt()), time(report.endedAt()), num(report.runSeconds()),
				text(report.image()), text(report.imageDigest()), text(report.seed()),
				text(report.env()
					.entrySet()
					.stream()
					.map((e) -> e.getKey() + "=" + e.getValue())
					.collect(Collectors.joining("; "))),
				num(report.records()), num(report.bytes()), rate(report.averageRecordsPerSecond()),
				rate(report.peakRecordsPerSecond()));
		if (report.containers().isEmpty()) {
			List<String> cells = new ArrayList<>(run);
			while (cells.size() < HEADER.size()) {
				cells.add("");
			}
			line(csv, cells);
		}
		for (RunReport.Container container : report.containers()) {
			List<String> cells = new ArrayList<>(run);
			cells.add(num(container.index()));
			cells.add(text(container.containerId()));
			cells.add(text(container.agentId()));
			cells.add(text(String.valueOf(container.state())));
			cells.add(num(container.exitCode()));
			cells.add(time(container.startedAt()));
			cells.add(time(container.finishedAt()));
			line(csv, cells);
		}
		return csv.toString();
	}

	private static void line(StringBuilder csv, List<String> cells) {
		csv.append(String.join(",", cells)).append("\r\n");
	}

	private static String num(Number value) {
		return (value != null) ? value.toString() : "";
	}

	private static String rate(Double value) {
		return (value != null) ? String.format(Locale.ROOT, "%.2f", value) : "";
	}

	private static String time(Instant value) {
		return (value != null) ? value.toString() : "";
	}

	private static String text(String value) {
		if (value == null) {
			return "";
		}
		String safe = (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) ? "'" + value : value;
		return cell(safe);
	}

	private static String cell(String value) {
		boolean quote = value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r");
		return quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
	}

}
