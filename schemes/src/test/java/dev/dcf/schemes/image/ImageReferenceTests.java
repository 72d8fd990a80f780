package dev.dcf.schemes.image;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ImageReferenceTests {

	private static final String DIGEST = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

	@Test
	void wellFormedReferencesAreValid() {
		assertThat(ImageReference.isValid("busybox")).isTrue();
		assertThat(ImageReference.isValid("dcf/sample-generator:latest")).isTrue();
		assertThat(ImageReference.isValid("registry.example.com:5000/team/gen:1.2")).isTrue();
		assertThat(ImageReference.isValid("localhost:5000/gen@" + DIGEST)).isTrue();
		assertThat(ImageReference.isValid("gen:1@" + DIGEST)).isTrue();
	}

	@Test
	void malformedOrOverlongReferencesAreNot() {
		assertThat(ImageReference.isValid(null)).isFalse();
		assertThat(ImageReference.isValid("")).isFalse();
		assertThat(ImageReference.isValid("Team/Gen")).as("uppercase path").isFalse();
		assertThat(ImageReference.isValid("gen:")).as("empty tag").isFalse();
		assertThat(ImageReference.isValid("gen@sha256:abc")).as("short digest").isFalse();
		assertThat(ImageReference.isValid("gen; rm -rf /")).isFalse();
		assertThat(ImageReference.isValid("a/" + "b".repeat(ImageReference.MAX_LENGTH))).isFalse();
	}

	@Test
	void registryHostIsTheFirstComponentWhenItLooksLikeAHost() {
		assertThat(ImageReference.registryHost("registry.example.com/team/gen:1")).isEqualTo("registry.example.com");
		assertThat(ImageReference.registryHost("registry.example.com:5000/gen")).isEqualTo("registry.example.com:5000");
		assertThat(ImageReference.registryHost("localhost:5000/gen:2")).isEqualTo("localhost:5000");
		assertThat(ImageReference.registryHost("localhost/gen")).isEqualTo("localhost");
	}

	@Test
	void imagesWithoutRegistryAreOnDockerHub() {
		assertThat(ImageReference.registryHost("busybox")).isEqualTo("docker.io");
		assertThat(ImageReference.registryHost("busybox:1.36")).isEqualTo("docker.io");
		assertThat(ImageReference.registryHost("dcf/sample-generator:latest")).isEqualTo("docker.io");
		assertThat(ImageReference.registryHost("library/busybox@sha256:abc")).isEqualTo("docker.io");
	}

	@Test
	void defaultTagIsAddedOnlyWhenThereIsNoTagOrDigest() {
		assertThat(ImageReference.withDefaultTag("busybox")).isEqualTo("busybox:latest");
		assertThat(ImageReference.withDefaultTag("dcf/gen")).isEqualTo("dcf/gen:latest");
		assertThat(ImageReference.withDefaultTag("dcf/gen:1")).isEqualTo("dcf/gen:1");
		assertThat(ImageReference.withDefaultTag("registry.example.com:5000/team/gen"))
			.as("a registry's port is not a tag")
			.isEqualTo("registry.example.com:5000/team/gen:latest");
		assertThat(ImageReference.withDefaultTag("registry.example.com:5000/gen:1.2"))
			.isEqualTo("registry.example.com:5000/gen:1.2");
		assertThat(ImageReference.withDefaultTag("gen@" + DIGEST)).isEqualTo("gen@" + DIGEST);
	}

	@Test
	void theRepositoryIsTheReferenceWithoutTagOrDigest() {
		assertThat(ImageReference.repository("registry.example.com:5000/team/gen:1"))
			.isEqualTo("registry.example.com:5000/team/gen");
		assertThat(ImageReference.repository("localhost:5000/gen")).isEqualTo("localhost:5000/gen");
		assertThat(ImageReference.repository("gen@" + DIGEST)).isEqualTo("gen");
		assertThat(ImageReference.repository("gen:1@" + DIGEST)).isEqualTo("gen");
	}

}
