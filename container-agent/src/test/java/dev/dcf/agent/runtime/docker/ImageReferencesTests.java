package dev.dcf.agent.runtime.docker;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ImageReferencesTests {

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
