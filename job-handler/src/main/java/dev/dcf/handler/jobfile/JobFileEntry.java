package dev.dcf.handler.jobfile;

import java.util.Map;

import dev.dcf.handler.job.JobRequest;

/**
 * One job of a job file, with the lines its fields are on.
 *
 * @param index the job's position in the file, from 0
 * @param line the line the job starts on
 * @param request the job as a request
 * @param lines the line of each field, by path ({@code containers}, {@code env[FOO]},
 * {@code command[0]}, {@code generator.kind})
 */
record JobFileEntry(int index, int line, JobRequest request, Map<String, Integer> lines) {

	/** The job's field path in the file, e.g. {@code jobs[1].containers}. */
	String field(String path) {
		return "jobs[" + this.index + "]" + (path.isEmpty() ? "" : "." + path);
	}

	/**
	 * The line of a field, or of its nearest enclosing field, or of the job.
	 * @param path a field path as the validator names it
	 * @return the line
	 */
	int lineOf(String path) {
		String candidate = path;
		while (!candidate.isEmpty()) {
			Integer found = this.lines.get(candidate);
			if (found != null) {
				return found;
			}
			int cut = Math.max(candidate.lastIndexOf('.'), candidate.lastIndexOf('['));
			candidate = (cut > 0) ? candidate.substring(0, cut) : "";
		}
		return this.line;
	}

}
