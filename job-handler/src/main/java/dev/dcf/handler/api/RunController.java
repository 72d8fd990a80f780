package dev.dcf.handler.api;

import java.util.List;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.dcf.handler.run.ReportFormat;
import dev.dcf.handler.run.RunCsv;
import dev.dcf.handler.run.RunReport;
import dev.dcf.handler.run.RunService;

/**
 * {@code /api/jobs/{id}/runs}: the runs of a job, their reports (JSON or CSV) and "run
 * again identically". A thin wrapper over {@link RunService}.
 */
@RestController
@RequestMapping("/api/jobs/{id}/runs")
class RunController {

	private final RunService runs;

	RunController(RunService runs) {
		this.runs = runs;
	}

	@GetMapping
	List<RunReport> list(@PathVariable String id) {
		return this.runs.list(id);
	}

	/**
	 * JSON unless {@code ?format=csv} or an {@code Accept} that prefers {@code text/csv};
	 * a {@code format} other than json/csv is a 400, an {@code Accept} that allows
	 * neither a 406.
	 */
	@GetMapping("/{run}/report")
	ResponseEntity<?> report(@PathVariable String id, @PathVariable int run,
			@RequestParam(required = false) String format,
			@RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
		ReportFormat chosen = chosen(format, accept);
		RunReport report = this.runs.report(id, run);
		ResponseEntity.BodyBuilder response = ResponseEntity.ok()
			.contentType(chosen.mediaType())
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(chosen.fileName(report)).build().toString());
		return (chosen == ReportFormat.CSV) ? response.body(RunCsv.of(report)) : response.body(report);
	}

	@PostMapping("/{run}/rerun")
	JobView rerun(@PathVariable String id, @PathVariable int run, Authentication user) {
		return JobView.of(this.runs.rerun(id, run, Actors.of(user)));
	}

	static ReportFormat chosen(String format, String accept) {
		if (format != null) {
			return ReportFormat.ofParameter(format)
				.orElseThrow(() -> new InvalidParameterException("format", "must be json or csv"));
		}
		return ReportFormat.ofAccept(accept).orElseThrow(() -> {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_ACCEPTABLE,
					"A run report is application/json or text/csv; the Accept header allows neither (or use ?format=json|csv)");
			problem.setTitle("Not acceptable");
			return new ErrorResponseException(HttpStatus.NOT_ACCEPTABLE, problem, null);
		});
	}

}
