package dev.dcf.handler.web;

import dev.dcf.handler.run.RunReport;

/**
 * One run in the job page's runs table.
 *
 * @param run the run's report
 * @param color the Bootstrap colour of its last state
 */
public record RunRow(RunReport run, String color) {

	static RunRow of(RunReport run) {
		return new RunRow(run, Badges.jobState(run.state()));
	}

}
