package dev.dcf.handler.token;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Accepts {@code Authorization: Bearer <token>}: the request acts as the token's owner
 * with the owner's current roles. A token that is unknown, revoked or expired, or whose
 * owner no longer exists, is answered by the entry point (401) and published as an
 * authentication failure; a request without a bearer token goes on to the other
 * mechanisms untouched.
 */
public class BearerTokenFilter extends OncePerRequestFilter {

	private static final String BEARER = "Bearer ";

	private final ApiTokenService tokens;

	private final UserDetailsService users;

	private final AuthenticationEntryPoint entryPoint;

	private final ApplicationEventPublisher events;

	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	private final SecurityContextRepository repository = new RequestAttributeSecurityContextRepository();

	/**
	 * @param tokens the tokens
	 * @param users where the owner's roles come from
	 * @param entryPoint answers a refused token
	 * @param events where failures are published
	 */
	public BearerTokenFilter(ApiTokenService tokens, UserDetailsService users, AuthenticationEntryPoint entryPoint,
			ApplicationEventPublisher events) {
		this.tokens = tokens;
		this.users = users;
		this.entryPoint = entryPoint;
		this.events = events;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			chain.doFilter(request, response);
			return;
		}
		String secret = header.substring(BEARER.length()).strip();
		UsernamePasswordAuthenticationToken presented = UsernamePasswordAuthenticationToken
			.unauthenticated(TokenSecrets.looksLikeSecret(secret) ? secret.substring(0, TokenSecrets.SHOWN) : "?", "");
		try {
			UserDetails owner = this.tokens.authenticate(secret)
				.map(this::user)
				.orElseThrow(() -> new BadCredentialsException("The API token is unknown, revoked or expired"));
			UsernamePasswordAuthenticationToken authenticated = UsernamePasswordAuthenticationToken
				.authenticated(owner.getUsername(), null, owner.getAuthorities());
			SecurityContext context = this.contexts.createEmptyContext();
			context.setAuthentication(authenticated);
			this.contexts.setContext(context);
			// kept for the request's async dispatch (a wait answered later), as Basic
			// does
			this.repository.saveContext(context, request, response);
		}
		catch (AuthenticationException ex) {
			this.contexts.clearContext();
			this.events.publishEvent(new AuthenticationFailureBadCredentialsEvent(presented, ex));
			this.entryPoint.commence(request, response, ex);
			return;
		}
		chain.doFilter(request, response);
	}

	private UserDetails user(String owner) {
		try {
			UserDetails user = this.users.loadUserByUsername(owner);
			if (!user.isEnabled() || !user.isAccountNonLocked()) {
				throw new BadCredentialsException("The API token's owner " + owner + " may not log in");
			}
			return user;
		}
		catch (UsernameNotFoundException ex) {
			throw new BadCredentialsException("The API token's owner " + owner + " no longer exists", ex);
		}
	}

}
