package dev.dcf.handler.job;

import java.util.regex.Pattern;

/**
 * The grammar of a Docker image reference, as the distribution project defines it:
 * {@code [registry[:port]/]path[/path...][:tag][@sha256:digest]} with lowercase path
 * components.
 */
final class ImageReferences {

	/** Longest image reference accepted (Docker's own limit for the name part). */
	static final int MAX_LENGTH = 255;

	private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";

	private static final String DOMAIN = DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*(?::[0-9]{1,5})?";

	private static final String PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";

	private static final String NAME = "(?:" + DOMAIN + "/)?" + PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*";

	private static final String TAG = "[\\w][\\w.-]{0,127}";

	private static final String DIGEST = "sha256:[a-f0-9]{64}";

	private static final Pattern REFERENCE = Pattern.compile(NAME + "(?::" + TAG + ")?(?:@" + DIGEST + ")?");

	private ImageReferences() {
	}

	/**
	 * Whether {@code reference} is a well-formed image reference.
	 * @param reference the text, may be {@code null}
	 * @return {@code true} if Docker would accept it as a reference
	 */
	static boolean isValid(String reference) {
		return reference != null && reference.length() <= MAX_LENGTH && REFERENCE.matcher(reference).matches();
	}

}
