package dev.dcf.standalone;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The administrator's password of the standalone handler. The handler generates one
 * itself when none is set, but only logs it; the launcher wants to print it with the URL
 * once everything is up, so it generates the password itself and hands it to the handler.
 * Nothing is written to disk: without {@code DCF_ADMIN_PASSWORD} every start has a new
 * password.
 *
 * @param password the password the handler is given, null when the user set one (the
 * handler then reads it from the same place)
 */
record AdminLogin(String password) {

	static final String PASSWORD_PROPERTY = "dcf.security.admin-password";

	static final String PASSWORD_VARIABLE = "DCF_ADMIN_PASSWORD";

	/**
	 * A generated password unless one is set as {@code DCF_ADMIN_PASSWORD} or
	 * {@code dcf.security.admin-password} (argument, system property or environment).
	 */
	static AdminLogin resolve(String[] args, Map<String, String> environment) {
		String configured = environment.get(PASSWORD_VARIABLE);
		StandardEnvironment env = new StandardEnvironment();
		MutablePropertySources sources = env.getPropertySources();
		sources.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
				new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						Map.copyOf(environment)));
		sources.addFirst(new SimpleCommandLinePropertySource(args));
		ConfigurationPropertySources.attach(env);
		String property = Binder.get(env).bind(PASSWORD_PROPERTY, String.class).orElse(null);
		if (isSet(property) || isSet(configured)) {
			return new AdminLogin(null);
		}
		return new AdminLogin(generate());
	}

	boolean generated() {
		return this.password != null;
	}

	private static boolean isSet(String value) {
		return value != null && !value.isBlank();
	}

	private static String generate() {
		byte[] bytes = new byte[15];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	@Override
	public String toString() {
		return "AdminLogin[" + (generated() ? "generated" : "configured") + "]";
	}

}
