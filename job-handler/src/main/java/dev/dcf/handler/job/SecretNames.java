package dev.dcf.handler.job;

import java.util.List;
import java.util.Locale;

/**
 * Which environment variables count as secret: their values are masked on the detail page
 * and in run reports, and not copied when a job is cloned.
 */
public final class SecretNames {

	/** A name containing any of these (ignoring case) looks secret. */
	public static final List<String> MARKERS = List.of("PASSWORD", "SECRET", "TOKEN", "KEY");

	/** What is shown instead of a secret value. */
	public static final String MASK = "••••••••";

	private SecretNames() {
	}

	public static boolean looksSecret(String name) {
		String upper = name.toUpperCase(Locale.ROOT);
		return MARKERS.stream().anyMatch(upper::contains);
	}

	public static String shown(String name, String value) {
		return looksSecret(name) ? MASK : value;
	}

}
