package dev.dcf.agent.instruction;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ImageAllowListTests {

	@Test
	void noPatternsAllowsEveryImage() {
		assertThat(new ImageAllowList(List.of()).permits("anything/at:all")).isTrue();
	}

	@Test
	void starMatchesWithinOneSegmentIncludingTheTag() {
		ImageAllowList list = new ImageAllowList(List.of("dcf/*"));
		assertThat(list.permits("dcf/sample-generator:latest")).isTrue();
		assertThat(list.permits("dcf/sample-generator")).isTrue();
		assertThat(list.permits("dcf/team/generator:1")).isFalse();
		assertThat(list.permits("evil.example.com/dcf/generator:1")).isFalse();
		assertThat(list.permits("dcfx/generator:1")).isFalse();
	}

	@Test
	void registryPatternWithTagWildcard() {
		ImageAllowList list = new ImageAllowList(List.of("registry.example.com/team/*:*"));
		assertThat(list.permits("registry.example.com/team/gen:1.0")).isTrue();
		assertThat(list.permits("registry.example.com/team/gen")).isTrue();
		assertThat(list.permits("registry.example.com/other/gen:1.0")).isFalse();
		assertThat(list.permits("registryXexample.com/team/gen:1.0")).isFalse();
	}

	@Test
	void doubleStarCrossesSegments() {
		ImageAllowList list = new ImageAllowList(List.of("registry.example.com/**"));
		assertThat(list.permits("registry.example.com/a/b/c:2")).isTrue();
		assertThat(list.permits("docker.io/registry.example.com/a")).isFalse();
	}

	@Test
	void exactPatternMatchesTaggedAndUntagged() {
		ImageAllowList list = new ImageAllowList(List.of("dcf-test/sleeper:latest", "busybox"));
		assertThat(list.permits("dcf-test/sleeper")).isTrue();
		assertThat(list.permits("dcf-test/sleeper:latest")).isTrue();
		assertThat(list.permits("dcf-test/sleeper:1")).isFalse();
		assertThat(list.permits("busybox")).isTrue();
	}

	@Test
	void questionMarkMatchesOneCharacter() {
		ImageAllowList list = new ImageAllowList(List.of("dcf/gen-?:*"));
		assertThat(list.permits("dcf/gen-a:1")).isTrue();
		assertThat(list.permits("dcf/gen-ab:1")).isFalse();
	}

	@Test
	void regexCharactersInPatternsAreLiteral() {
		ImageAllowList list = new ImageAllowList(List.of("dcf/gen.x:1"));
		assertThat(list.permits("dcf/gen.x:1")).isTrue();
		assertThat(list.permits("dcf/genYx:1")).isFalse();
	}

}
