package dev.dcf.handler.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a login attempt (HTTP Basic, a bearer token, or the login form's POST) while
 * {@link LoginThrottle} says its name or address must wait: 429 with {@code Retry-After}
 * as a problem document, or back to the login page with the wait for the form. The
 * password is not checked, so a refused attempt costs no bcrypt round and counts as no
 * failure. Requests without credentials pass untouched.
 */
class LoginThrottleFilter extends OncePerRequestFilter {

	private final LoginThrottle throttle;

	LoginThrottleFilter(LoginThrottle throttle) {
		this.throttle = throttle;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean form = "POST".equals(request.getMethod())
				&& SecurityConfiguration.LOGIN_PAGE.equals(request.getServletPath());
		Optional<String> user = form ? Optional.ofNullable(request.getParameter("username")) : basicUser(request);
		boolean attempt = form || user.isPresent() || request.getHeader(HttpHeaders.AUTHORIZATION) != null;
		Optional<Duration> wait = attempt ? this.throttle.waitFor(user.orElse(null), request.getRemoteAddr())
				: Optional.empty();
		if (wait.isEmpty()) {
			chain.doFilter(request, response);
			return;
		}
		long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
		if (form) {
			response
				.sendRedirect(request.getContextPath() + SecurityConfiguration.LOGIN_PAGE + "?throttled=" + seconds);
			return;
		}
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		ProblemDetailsSecurityHandler.write(request, response, HttpStatus.TOO_MANY_REQUESTS,
				"Too many failed logins: try again in " + seconds + " s");
	}

	private static Optional<String> basicUser(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
			return Optional.empty();
		}
		try {
			String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()),
					StandardCharsets.UTF_8);
			int colon = decoded.indexOf(':');
			return (colon > 0) ? Optional.of(decoded.substring(0, colon)) : Optional.empty();
		}
		catch (IllegalArgumentException ex) {
			// not Base64: Basic authentication refuses it
			return Optional.empty();
		}
	}

}
