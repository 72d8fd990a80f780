package dev.dcf.handler.api;

import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.core.ResolvableType;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import dev.dcf.handler.agent.AgentNotFoundException;
import dev.dcf.handler.job.FieldViolation;
import dev.dcf.handler.dryrun.DryRunUnavailableException;
import dev.dcf.handler.job.InvalidJobRequestException;
import dev.dcf.handler.job.JobConflictException;
import dev.dcf.handler.liveness.NoLossToConfirmException;
import dev.dcf.handler.job.JobNotFoundException;
import dev.dcf.handler.logs.TooManyViewersException;
import dev.dcf.handler.run.RunNotFoundException;
import dev.dcf.handler.job.NotJobOwnerException;
import dev.dcf.handler.peek.PeekUnavailableException;
import dev.dcf.handler.token.InvalidTokenRequestException;
import dev.dcf.handler.token.TokenNotFoundException;

/**
 * The one place that turns exceptions of the REST API into RFC 9457 problem details
 * ({@code application/problem+json}). Field problems are listed as {@code errors:
 * [{field, message}]}. Spring MVC's own errors (malformed JSON, wrong method, unknown
 * path...) come through {@link ResponseEntityExceptionHandler}.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	static final String ERRORS = "errors";

	@ExceptionHandler
	ProblemDetail invalidJobRequest(InvalidJobRequestException ex) {
		return badRequest("The job request is invalid: " + count(ex.violations()), ex.violations());
	}

	@ExceptionHandler
	ProblemDetail invalidParameter(InvalidParameterException ex) {
		return badRequest("A parameter is invalid", List.of(new FieldViolation(ex.parameter(), ex.getMessage())));
	}

	@ExceptionHandler
	ProblemDetail dryRunUnavailable(DryRunUnavailableException ex) {
		return problem(HttpStatus.SERVICE_UNAVAILABLE, "No dry run now", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail invalidTokenRequest(InvalidTokenRequestException ex) {
		return badRequest("The token request is invalid", List.of(new FieldViolation(ex.field(), ex.getMessage())));
	}

	@ExceptionHandler
	ProblemDetail tokenNotFound(TokenNotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, "Token not found", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail jobNotFound(JobNotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, "Job not found", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail runNotFound(RunNotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, "Run not found", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail agentNotFound(AgentNotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, "Agent not found", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail conflict(JobConflictException ex) {
		return problem(HttpStatus.CONFLICT, "Conflict with the job's state", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail noLossToConfirm(NoLossToConfirmException ex) {
		return problem(HttpStatus.CONFLICT, "The agent is heard", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail tooManyViewers(TooManyViewersException ex) {
		return problem(HttpStatus.SERVICE_UNAVAILABLE, "Too many live logs", ex.getMessage());
	}

	/** Optimistic version conflicts, and row locks that could not be had in time. */
	@ExceptionHandler
	ProblemDetail concurrentChange(ConcurrencyFailureException ex) {
		return problem(HttpStatus.CONFLICT, "Concurrent change",
				"The job was changed at the same time by someone else; reload it and try again");
	}

	@ExceptionHandler
	ProblemDetail notOwner(NotJobOwnerException ex) {
		return problem(HttpStatus.FORBIDDEN, "Not the owner", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail peekUnavailable(PeekUnavailableException ex) {
		return problem(HttpStatus.SERVICE_UNAVAILABLE, "Records unavailable", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail typeMismatch(MethodArgumentTypeMismatchException ex) {
		ResolvableType type = ResolvableType.forMethodParameter(ex.getParameter());
		Class<?> valueType = (type.asCollection() != ResolvableType.NONE) ? type.asCollection().resolveGeneric(0)
				: type.resolve();
		String expected = (valueType != null && valueType.isEnum())
				? "must be one of " + List.of(valueType.getEnumConstants()) : "has the wrong format";
		return badRequest("A parameter is invalid", List.of(new FieldViolation(ex.getName(), expected)));
	}

	@ExceptionHandler
	ProblemDetail unexpected(Exception ex) throws Exception {
		if (ex instanceof AccessDeniedException || ex instanceof AuthenticationException) {
			throw ex; // Spring Security's filters answer these
		}
		logger.error("Unexpected error", ex);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
				"The request failed unexpectedly; the handler's log has the details");
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail body = notReadable(ex);
		return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
	}

	private static ProblemDetail notReadable(HttpMessageNotReadableException ex) {
		Throwable cause = ex.getMostSpecificCause();
		if (cause instanceof UnrecognizedPropertyException unknown) {
			return badRequest("The request has an unknown field: " + unknown.getPropertyName(),
					List.of(new FieldViolation(path(unknown), "is not a known field")));
		}
		if (cause instanceof InvalidFormatException || cause instanceof MismatchedInputException) {
			DatabindException mismatch = (DatabindException) cause;
			String field = path(mismatch);
			if (!field.isEmpty()) {
				return badRequest("A field has the wrong type or format",
						List.of(new FieldViolation(field, "has the wrong type or format")));
			}
		}
		if (cause instanceof JacksonException json && json.getLocation() != null) {
			return problem(HttpStatus.BAD_REQUEST, "Malformed JSON", "The request body is not valid JSON (line "
					+ json.getLocation().getLineNr() + ", column " + json.getLocation().getColumnNr() + ")");
		}
		return problem(HttpStatus.BAD_REQUEST, "Unreadable request body",
				"The request body is missing or not valid JSON");
	}

	/**
	 * The JSON path of the field a Jackson error is about, e.g. {@code env.FOO} →
	 * {@code env[FOO]}.
	 */
	private static String path(DatabindException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				if (path.isEmpty()) {
					path.append(reference.getPropertyName());
				}
				else if (reference.from() instanceof Map<?, ?>) {
					path.append('[').append(reference.getPropertyName()).append(']');
				}
				else {
					path.append('.').append(reference.getPropertyName());
				}
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static ProblemDetail badRequest(String detail, List<FieldViolation> violations) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", detail);
		problem.setProperty(ERRORS,
				violations.stream()
					.map((violation) -> Map.of("field", violation.field(), "message", violation.message()))
					.toList());
		return problem;
	}

	private static ProblemDetail problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

	private static String count(List<FieldViolation> violations) {
		return (violations.size() == 1) ? "1 field" : violations.size() + " fields";
	}

}
