package dev.dcf.handler.web;

import java.time.Clock;

import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

import dev.dcf.handler.agent.AgentNotFoundException;
import dev.dcf.handler.job.JobNotFoundException;
import dev.dcf.handler.run.RunNotFoundException;
import dev.dcf.handler.liveness.LivenessStatus;

/**
 * For the GUI controllers only: the logged-in user in every model, and errors as an HTML
 * page (with a message for people, never a stack trace) instead of the API's problem
 * JSON. Ordered before the application-wide API advice, which would otherwise answer
 * first.
 */
@ControllerAdvice(basePackageClasses = WebControllerAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class WebControllerAdvice {

	private static final Log logger = LogFactory.getLog(WebControllerAdvice.class);

	private final Clock clock;

	private final LivenessStatus liveness;

	WebControllerAdvice(Clock clock, LivenessStatus liveness) {
		this.clock = clock;
		this.liveness = liveness;
	}

	/**
	 * The control-plane alarm every page shows as a banner: why silent agents are not
	 * declared lost. {@code null} when there is none.
	 */
	@ModelAttribute("livenessAlarm")
	String livenessAlarm() {
		return this.liveness.snapshot().alarm();
	}

	/**
	 * The server's time when the page was rendered: the page's clocks (elapsed times,
	 * heartbeat ages) correct the browser's clock by it.
	 */
	@ModelAttribute("serverNow")
	long serverNow() {
		return this.clock.instant().toEpochMilli();
	}

	@ModelAttribute("currentUser")
	String currentUser(Authentication user) {
		return (user != null) ? user.getName() : null;
	}

	@ModelAttribute("admin")
	boolean admin(Authentication user) {
		return user != null && CurrentUser.actor(user).admin();
	}

	@ExceptionHandler({ JobNotFoundException.class, AgentNotFoundException.class, RunNotFoundException.class })
	ModelAndView notFound(RuntimeException ex, HttpServletResponse response) {
		return page(HttpStatus.NOT_FOUND, ex.getMessage(), response);
	}

	@ExceptionHandler({ MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class })
	ModelAndView badRequest(Exception ex, HttpServletResponse response) {
		String detail = (ex instanceof MethodArgumentTypeMismatchException mismatch)
				? "The parameter \"" + mismatch.getName() + "\" has a value this page does not understand"
				: ex.getMessage();
		return page(HttpStatus.BAD_REQUEST, detail, response);
	}

	@ExceptionHandler
	ModelAndView unexpected(Exception ex, HttpServletResponse response) throws Exception {
		if (ex instanceof AccessDeniedException || ex instanceof AuthenticationException) {
			throw ex; // Spring Security's filters answer these
		}
		logger.error("Unexpected error in the GUI", ex);
		return page(HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong; the handler's log has the details.",
				response);
	}

	private static ModelAndView page(HttpStatus status, String message, HttpServletResponse response) {
		response.setStatus(status.value());
		ModelAndView page = new ModelAndView("error");
		page.setStatus(status);
		page.addObject("status", status.value());
		page.addObject("error", status.getReasonPhrase());
		page.addObject("message", message);
		return page;
	}

}
