package dev.dcf.agent.instruction;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ImageReferenceTests {

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
		assertThat(ImageReference.withDefaultTag("dcf/gen")).isEqualTo("dcf/gen:latest");
		assertThat(ImageReference.withDefaultTag("dcf/gen:1")).isEqualTo("dcf/gen:1");
		assertThat(ImageReference.withDefaultTag("localhost:5000/gen")).isEqualTo("localhost:5000/gen:latest");
		assertThat(ImageReference.withDefaultTag("dcf/gen@sha256:abc")).isEqualTo("dcf/gen@sha256:abc");
	}

}
