package dev.dcf.schemes.image;

import java.util.regex.Pattern;

/**
 * A Docker image reference,
 * {@code [registry[:port]/]path[/path...][:tag][@sha256:digest]} with lowercase path
 * components, as the distribution project defines it. The handler accepts only references
 * that are {@linkplain #isValid valid}; the agent splits them the way Docker does: the
 * first path component is a registry host only if it contains a dot or a colon or is
 * {@code localhost}, otherwise the image is on Docker Hub.
 */
public final class ImageReference {

	/** The registry of images whose reference names none. */
	public static final String DOCKER_HUB = "docker.io";

	/** Longest image reference accepted (Docker's own limit for the name part). */
	public static final int MAX_LENGTH = 255;

	private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";

	private static final String DOMAIN = DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*(?::[0-9]{1,5})?";

	private static final String PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";

	private static final String NAME = "(?:" + DOMAIN + "/)?" + PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*";

	private static final String TAG = "[\\w][\\w.-]{0,127}";

	private static final String DIGEST = "sha256:[a-f0-9]{64}";

	private static final Pattern REFERENCE = Pattern.compile(NAME + "(?::" + TAG + ")?(?:@" + DIGEST + ")?");

	private ImageReference() {
	}

	/**
	 * Whether {@code reference} is a well-formed image reference.
	 * @param reference the text, may be {@code null}
	 * @return {@code true} if Docker would accept it as a reference
	 */
	public static boolean isValid(String reference) {
		return reference != null && reference.length() <= MAX_LENGTH && REFERENCE.matcher(reference).matches();
	}

	/**
	 * The registry an image comes from: {@code registry.example.com:5000/team/gen:1} →
	 * {@code registry.example.com:5000}, {@code dcf/gen} → {@link #DOCKER_HUB}.
	 */
	public static String registryHost(String image) {
		int slash = image.indexOf('/');
		if (slash < 0) {
			return DOCKER_HUB;
		}
		String first = image.substring(0, slash);
		boolean isHost = first.contains(".") || first.contains(":") || first.equals("localhost");
		return isHost ? first : DOCKER_HUB;
	}

	/**
	 * The reference with {@code :latest} added when it names neither a tag nor a digest.
	 * The pull API pulls every tag of a repository when none is given; the CLI adds
	 * {@code latest} and so does DCF.
	 */
	public static String withDefaultTag(String image) {
		if (image.contains("@")) {
			return image;
		}
		return (image.lastIndexOf(':') > image.lastIndexOf('/')) ? image : image + ":latest";
	}

	/**
	 * The repository of a reference, without tag or digest:
	 * {@code localhost:5000/team/gen:1} → {@code localhost:5000/team/gen}.
	 */
	public static String repository(String image) {
		String name = image;
		int at = name.indexOf('@');
		if (at >= 0) {
			name = name.substring(0, at);
		}
		int lastColon = name.lastIndexOf(':');
		return (lastColon > name.lastIndexOf('/')) ? name.substring(0, lastColon) : name;
	}

}
