package dev.dcf.agent.runtime.docker;

/** Image reference helpers. */
final class ImageReferences {

	private ImageReferences() {
	}

	/**
	 * The reference with {@code :latest} added when it names neither a tag nor a digest.
	 * The pull API pulls every tag of a repository when none is given; the CLI adds
	 * {@code latest} and so do we.
	 */
	static String withDefaultTag(String image) {
		if (image.contains("@")) {
			return image;
		}
		int lastSlash = image.lastIndexOf('/');
		int lastColon = image.lastIndexOf(':');
		return (lastColon > lastSlash) ? image : image + ":latest";
	}

}
