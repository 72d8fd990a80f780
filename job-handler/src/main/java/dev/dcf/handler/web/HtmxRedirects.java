package dev.dcf.handler.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A redirect answering an htmx request becomes {@code HX-Redirect}: htmx then loads the
 * page as the browser would after a plain form post. The confirmed actions (stop, delete,
 * drain, ... with {@code hx-confirm}) are htmx requests, and their controllers answer as
 * for a form: a redirect to the page to show, with the outcome as a flash message.
 * Without this, the browser's XMLHttpRequest would follow the redirect itself and hand
 * htmx the whole next page.
 */
@Component
class HtmxRedirects extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!"true".equals(request.getHeader("HX-Request"))) {
			chain.doFilter(request, response);
			return;
		}
		chain.doFilter(request, new HttpServletResponseWrapper(response) {

			@Override
			public void sendRedirect(String location) {
				redirect(location);
			}

			@Override
			public void sendRedirect(String location, boolean clearBuffer) {
				redirect(location);
			}

			@Override
			public void sendRedirect(String location, int status) {
				redirect(location);
			}

			@Override
			public void sendRedirect(String location, int status, boolean clearBuffer) {
				redirect(location);
			}

			private void redirect(String location) {
				resetBuffer();
				setStatus(HttpServletResponse.SC_NO_CONTENT);
				setHeader("HX-Redirect", location);
			}

		});
	}

}
