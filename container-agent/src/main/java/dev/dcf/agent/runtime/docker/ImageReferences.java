package dev.dcf.agent.runtime.docker;

import java.util.List;

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

	/**
	 * The repository of a reference, without tag or digest:
	 * {@code localhost:5000/team/gen:1} -> {@code localhost:5000/team/gen}.
	 */
	static String repository(String image) {
		String name = image;
		int at = name.indexOf('@');
		if (at >= 0) {
			name = name.substring(0, at);
		}
		int lastSlash = name.lastIndexOf('/');
		int lastColon = name.lastIndexOf(':');
		return (lastColon > lastSlash) ? name.substring(0, lastColon) : name;
	}

	/**
	 * The digest that names the image a container was created from: the repo digest of
	 * the container's repository if the image has one, else its first repo digest, else
	 * (an image no registry gave us, e.g. built locally) its id.
	 * @param reference the reference the container was created with, may be null
	 * @param repoDigests the image's {@code RepoDigests}, may be null
	 * @param imageId the image's id ({@code sha256:...})
	 * @return the digest
	 */
	static String digest(String reference, List<String> repoDigests, String imageId) {
		if (repoDigests == null || repoDigests.isEmpty()) {
			return imageId;
		}
		if (reference != null) {
			String repository = repository(reference);
			for (String candidate : repoDigests) {
				if (candidate.startsWith(repository + "@")) {
					return candidate;
				}
			}
		}
		return repoDigests.get(0);
	}

}
