package dev.dcf.handler.jobfile;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A refused job file as an RFC 9457 problem: {@code errors: [{field, line, message}]}.
 * Other errors of {@link JobFileController} go to the API's common handler.
 */
@RestControllerAdvice(assignableTypes = JobFileController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class JobFileExceptionHandler {

	@ExceptionHandler
	ProblemDetail invalidFile(InvalidJobFileException ex) {
		int count = ex.violations().size();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The job file is invalid: "
				+ count + ((count == 1) ? " problem" : " problems") + "; nothing was changed");
		problem.setTitle("Invalid job file");
		problem.setProperty("errors", ex.violations().stream().map((violation) -> {
			Map<String, Object> error = new LinkedHashMap<>();
			error.put("field", violation.field());
			error.put("line", violation.line());
			error.put("message", violation.message());
			return error;
		}).toList());
		return problem;
	}

}
