package dev.dcf.agent.runtime.docker;

import java.util.List;
import dev.dcf.schemes.image.ImageReference;

/** What Docker says of an image, read as DCF reports it. */
final class ImageReferences {

	private ImageReferences() {
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
			String repository = ImageReference.repository(reference);
			for (String candidate : repoDigests) {
				if (candidate.startsWith(repository + "@")) {
					return candidate;
				}
			}
		}
		return repoDigests.get(0);
	}

}
