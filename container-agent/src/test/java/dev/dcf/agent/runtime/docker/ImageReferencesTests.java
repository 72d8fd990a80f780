package dev.dcf.agent.runtime.docker;

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

}
