package dev.dcf.handler.system;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The users from {@link SecurityProperties}, held in memory with hashed passwords. Roles
 * are {@code USER} and {@code ADMIN}; the administrator has both.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
class UsersConfiguration {

	static final String ROLE_USER = "USER";

	static final String ROLE_ADMIN = "ADMIN";

	private static final Set<String> ROLES = Set.of(ROLE_USER, ROLE_ADMIN);

	private static final Log logger = LogFactory.getLog(UsersConfiguration.class);

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	InMemoryUserDetailsManager userDetailsService(SecurityProperties properties, PasswordEncoder encoder) {
		List<UserDetails> users = new ArrayList<>();
		String adminPassword = properties.adminPassword();
		if (adminPassword == null || adminPassword.isBlank()) {
			adminPassword = generatePassword();
			logger.warn("\n\n    No DCF_ADMIN_PASSWORD set. Generated password for DCF user '" + properties.adminUser()
					+ "': " + adminPassword + "\n    It is shown only now; set DCF_ADMIN_PASSWORD to choose one.\n");
		}
		users.add(user(properties.adminUser(), adminPassword, List.of(ROLE_USER, ROLE_ADMIN), encoder));
		Set<String> names = new LinkedHashSet<>();
		names.add(properties.adminUser());
		for (SecurityProperties.User configured : properties.users()) {
			if (!names.add(configured.name())) {
				throw new IllegalStateException(
						"dcf.security.users: user '" + configured.name() + "' is defined twice");
			}
			users.add(user(configured.name(), configured.password(), configured.roles(), encoder));
		}
		return new InMemoryUserDetailsManager(users);
	}

	private static UserDetails user(String name, String password, List<String> roles, PasswordEncoder encoder) {
		Set<String> granted = new LinkedHashSet<>();
		granted.add(ROLE_USER);
		for (String role : roles) {
			String upper = role.toUpperCase(Locale.ROOT);
			if (!ROLES.contains(upper)) {
				throw new IllegalStateException(
						"dcf.security.users: user '" + name + "' has unknown role '" + role + "' (use USER or ADMIN)");
			}
			granted.add(upper);
		}
		String encoded = password.startsWith("{") ? password : encoder.encode(password);
		return User.withUsername(name).password(encoded).roles(granted.toArray(String[]::new)).build();
	}

	private static String generatePassword() {
		byte[] bytes = new byte[18];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
