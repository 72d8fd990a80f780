package dev.dcf.agent.runtime.docker;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ImageReferencesTests {

	@Test
	void untaggedReferenceGetsLatest() {
		assertThat(ImageReferences.withDefaultTag("busybox")).isEqualTo("busybox:latest");
		assertThat(ImageReferences.withDefaultTag("dcf/sample-generator")).isEqualTo("dcf/sample-generator:latest");
	}

	@Test
	void registryPortIsNotATag() {
		assertThat(ImageReferences.withDefaultTag("registry.example.com:5000/team/gen"))
			.isEqualTo("registry.example.com:5000/team/gen:latest");
	}

	@Test
	void taggedAndDigestReferencesStayAsTheyAre() {
		assertThat(ImageReferences.withDefaultTag("registry.example.com:5000/gen:1.2"))
			.isEqualTo("registry.example.com:5000/gen:1.2");
		String digest = "gen@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
		assertThat(ImageReferences.withDefaultTag(digest)).isEqualTo(digest);
	}

	@Test
	void theRepositoryIsTheReferenceWithoutTagOrDigest() {
		assertThat(ImageReferences.repository("registry.example.com:5000/team/gen:1"))
			.isEqualTo("registry.example.com:5000/team/gen");
		assertThat(ImageReferences.repository("localhost:5000/gen")).isEqualTo("localhost:5000/gen");
		assertThat(ImageReferences.repository("gen@sha256:" + "0".repeat(64))).isEqualTo("gen");
	}

	@Test
	void theDigestIsTheRepoDigestOfTheContainersRepositoryElseTheFirstElseTheImageId() {
		String id = "sha256:" + "1".repeat(64);
		String mirror = "mirror.example.com/gen@sha256:" + "2".repeat(64);
		String own = "localhost:5000/gen@sha256:" + "2".repeat(64);
		assertThat(ImageReferences.digest("localhost:5000/gen:1", List.of(mirror, own), id)).isEqualTo(own);
		assertThat(ImageReferences.digest("other/gen:1", List.of(mirror, own), id)).isEqualTo(mirror);
		assertThat(ImageReferences.digest("dcf-test/sleeper:latest", List.of(), id)).isEqualTo(id);
		assertThat(ImageReferences.digest("dcf-test/sleeper:latest", null, id)).isEqualTo(id);
	}

}
