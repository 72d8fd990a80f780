package dev.dcf.handler.web;

import org.springframework.security.core.Authentication;

import dev.dcf.handler.job.Actor;

/**
 * Turns the logged-in user into an {@link Actor}.
 */
final class CurrentUser {

	static final String ADMIN_AUTHORITY = "ROLE_ADMIN";

	private CurrentUser() {
	}

	static Actor actor(Authentication authentication) {
		boolean admin = authentication.getAuthorities()
			.stream()
			.anyMatch((authority) -> ADMIN_AUTHORITY.equals(authority.getAuthority()));
		return new Actor(authentication.getName(), admin);
	}

}
