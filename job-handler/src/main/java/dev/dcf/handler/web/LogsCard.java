package dev.dcf.handler.web;

import java.util.List;

import dev.dcf.handler.logs.ContainerLogService;
import dev.dcf.handler.logs.KeptOutput;

import org.springframework.stereotype.Component;

/**
 * The job page's logs card ({@code fragments/logs.html}, {@code ${@logsCard.of(id)}}):
 * the kept end of each container's output, of the newest run that kept one.
 */
@Component("logsCard")
public class LogsCard {

	private final ContainerLogService logs;

	LogsCard(ContainerLogService logs) {
		this.logs = logs;
	}

	/**
	 * @param jobId the job
	 * @return the kept outputs by container index, none if nothing is kept
	 */
	public List<KeptOutput> of(String jobId) {
		return this.logs.newestOfEachContainer(jobId);
	}

}
