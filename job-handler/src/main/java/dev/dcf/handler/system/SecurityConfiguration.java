package dev.dcf.handler.system;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Everything needs a login. {@code /api/**} is a stateless API: HTTP Basic on every
 * request, no session, no CSRF token (there is no cookie to forge with), and 401/403 as
 * problem documents. Everything else is the browser GUI: form login with a session and
 * CSRF protection (HTTP Basic is accepted too, for tools such as a Prometheus scraper).
 * Only the health endpoint answers without a login, for container health checks; it shows
 * details only to logged-in users.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	@Order(1)
	SecurityFilterChain apiSecurity(HttpSecurity http) throws Exception {
		ProblemDetailsSecurityHandler problems = new ProblemDetailsSecurityHandler();
		http.securityMatcher("/api/**")
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
	SecurityFilterChain webSecurity(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness", "/error")
			.permitAll()
			.anyRequest()
			.authenticated())
			.formLogin((form) -> form.permitAll())
			.httpBasic((basic) -> basic.realmName(ProblemDetailsSecurityHandler.REALM))
			.logout((logout) -> logout.permitAll());
		return http.build();
	}

}
