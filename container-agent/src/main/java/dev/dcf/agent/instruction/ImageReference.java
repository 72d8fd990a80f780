package dev.dcf.agent.instruction;

/**
 * The parts of a Docker image reference the agent needs, following Docker's rules: the
 * first path component is a registry host only if it contains a dot or a colon or is
 * {@code localhost}; otherwise the image is on Docker Hub.
 */
final class ImageReference {

	static final String DOCKER_HUB = "docker.io";

	private ImageReference() {
	}

	/**
	 * {@code registry.example.com:5000/team/gen:1} -> {@code registry.example.com:5000}.
	 */
	static String registryHost(String image) {
		int slash = image.indexOf('/');
		if (slash < 0) {
			return DOCKER_HUB;
		}
		String first = image.substring(0, slash);
		boolean isHost = first.contains(".") || first.contains(":") || first.equals("localhost");
		return isHost ? first : DOCKER_HUB;
	}

	/** Adds {@code :latest} when the reference has neither tag nor digest. */
	static String withDefaultTag(String image) {
		if (image.contains("@")) {
			return image;
		}
		int lastSlash = image.lastIndexOf('/');
		boolean tagged = image.indexOf(':', lastSlash + 1) >= 0;
		return tagged ? image : image + ":latest";
	}

}
