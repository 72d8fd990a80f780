package dev.dcf.handler.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

import dev.dcf.handler.token.ApiTokenService;
import dev.dcf.handler.token.BearerTokenFilter;

/**
 * Everything needs a login. {@code /api/**} is a stateless API: a personal API token
 * ({@code Authorization: Bearer}, {@link BearerTokenFilter}) or HTTP Basic on every
 * request, no session, no CSRF token (there is no cookie to forge with), and 401/403 as
 * problem documents. Everything else is the browser GUI: form login with a session and
 * CSRF protection (HTTP Basic is accepted too, for tools such as a Prometheus scraper),
 * the login page of the GUI, a strict Content-Security-Policy (scripts only from static
 * files of this origin) and no framing. Static assets are public so the login page can
 * use them. Only the health endpoint answers without a login, for container health
 * checks; it shows details only to logged-in users.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LoginThrottleProperties.class)
class SecurityConfiguration {

	/** The GUI's own login page ({@code dev.dcf.handler.web}). */
	static final String LOGIN_PAGE = "/login";

	/**
	 * Everything from this origin only, no inline scripts or styles (pages set styles
	 * through the CSSOM), no framing. {@code data:} images are Bootstrap's inline SVG
	 * icons; {@code connect-src 'self'} covers the same-origin websocket.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
			+ "form-action 'self'; frame-ancestors 'none'";

	/**
	 * Swagger UI (not ours) sets inline styles; it still runs no inline script.
	 */
	static final String SWAGGER_UI_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace("style-src 'self'",
			"style-src 'self' 'unsafe-inline'");

	@Bean
	@Order(1)
	SecurityFilterChain apiSecurity(HttpSecurity http, ApiTokenService tokens, UserDetailsService users,
			ApplicationEventPublisher events, LoginThrottle throttle) throws Exception {
		ProblemDetailsSecurityHandler problems = new ProblemDetailsSecurityHandler();
		http.securityMatcher("/api/**")
			.addFilterBefore(new LoginThrottleFilter(throttle), BasicAuthenticationFilter.class)
			.addFilterBefore(new BearerTokenFilter(tokens, users, problems, events), BasicAuthenticationFilter.class)
			.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			.httpBasic(
					(basic) -> basic.realmName(ProblemDetailsSecurityHandler.REALM).authenticationEntryPoint(problems))
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain webSecurity(HttpSecurity http, ApiTokenService tokens, UserDetailsService users,
			ApplicationEventPublisher events, LoginThrottle throttle) throws Exception {
		http.addFilterBefore(new LoginThrottleFilter(throttle), UsernamePasswordAuthenticationFilter.class)
			.addFilterBefore(new BearerTokenFilter(tokens, users, new ProblemDetailsSecurityHandler(), events),
					BasicAuthenticationFilter.class)
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness",
						"/error")
				.permitAll()
				.requestMatchers("/webjars/**", "/css/**", "/js/**", "/favicon.ico", "/favicon.svg")
				.permitAll()
				.anyRequest()
				.authenticated())
			.formLogin((form) -> form.loginPage(LOGIN_PAGE).permitAll())
			.httpBasic((basic) -> basic.realmName(ProblemDetailsSecurityHandler.REALM))
			.logout((logout) -> logout.logoutSuccessUrl(LOGIN_PAGE + "?logout").permitAll())
			.headers((headers) -> headers.addHeaderWriter(SecurityConfiguration::contentSecurityPolicy)
				.frameOptions((frames) -> frames.deny())
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
		return http.build();
	}

	private static void contentSecurityPolicy(HttpServletRequest request, HttpServletResponse response) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		response.setHeader("Content-Security-Policy",
				path.startsWith("/swagger-ui") ? SWAGGER_UI_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY);
	}

}
