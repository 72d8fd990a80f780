package dev.dcf.handler.system;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may log in. The administrator comes from {@code DCF_ADMIN_USER} /
 * {@code DCF_ADMIN_PASSWORD} (see {@code application.yaml}); without a password one is
 * generated and logged once at start. Further users are listed under
 * {@code dcf.security.users}. Passwords are either encoded with an id prefix
 * ({@code {bcrypt}$2a$...}) or plain text, which is hashed with bcrypt at start.
 *
 * @param adminUser the administrator's name
 * @param adminPassword the administrator's password; blank to generate one
 * @param users further users
 */
@Validated
@ConfigurationProperties("dcf.security")
public record SecurityProperties(@DefaultValue("admin") @NotBlank String adminUser, String adminPassword,
		@DefaultValue( {
		}) List<@Valid User> users){

	/**
	 * A configured user.
	 *
	 * @param name the login name
	 * @param password the password (plain or with an encoder id prefix)
	 * @param roles {@code USER} and/or {@code ADMIN}; {@code USER} if empty
	 */
	public record User(@NotBlank String name, @NotBlank String password,
			@DefaultValue("USER") List<@NotEmpty String> roles) {
	}

}
