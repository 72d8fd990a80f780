package dev.dcf.testsupport;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The condition against the real daemon: with {@code DCF_REQUIRE=docker} (CI) this class
 * fails if our ping does not work with dockerd, instead of silently skipping every Docker
 * test of the build.
 */
@RequiresDocker
class RequiresDockerIT {

	@Test
	void realDaemonAnswersThePing() {
		assertThat(new DockerAvailableCondition().evaluate().isDisabled()).isFalse();
	}

}
