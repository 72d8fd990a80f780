package dev.dcf.handler.web;

import java.util.List;
import java.util.Locale;

/**
 * Which environment variables the GUI treats as secret: their values are masked on the
 * detail page and not copied when a job is cloned.
 */
final class SecretNames {

	/** A name containing any of these (ignoring case) looks secret. */
	static final List<String> MARKERS = List.of("PASSWORD", "SECRET", "TOKEN", "KEY");

	/** What is shown instead of a secret value. */
	static final String MASK = "••••••••";

	private SecretNames() {
	}

	static boolean looksSecret(String name) {
		String upper = name.toUpperCase(Locale.ROOT);
		return MARKERS.stream().anyMatch(upper::contains);
	}

	static String shown(String name, String value) {
		return looksSecret(name) ? MASK : value;
	}

}
