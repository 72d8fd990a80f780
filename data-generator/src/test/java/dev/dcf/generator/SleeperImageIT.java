package dev.dcf.generator;

import java.time.Duration;

import dev.dcf.testsupport.RequiresDocker;
import dev.dcf.testsupport.TestImages;
import dev.dcf.testsupport.DockerCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The busybox sleeper image from {@code scripts/build-test-images.sh}, which the agent's
 * tests use as a stand-in generator.
 */
@RequiresDocker
class SleeperImageIT {

	@RegisterExtension
	static final DockerCli docker = DockerCli.withTestImages();

	@Test
	void printsALineSleepsAndExitsWithTheRequestedCode() {
		String name = docker.newContainerName("sleeper");
		docker.checked("run", "--pull=never", "-d", "--name", name, "-e", "SLEEP=1", "-e", "EXIT_CODE=3",
				TestImages.SLEEPER);

		assertThat(docker.waitForExit(name, Duration.ofSeconds(30))).isEqualTo(3);
		assertThat(docker.logs(name)).isEqualTo("sleeper started");
	}

	@Test
	void exitsWithZeroByDefaultAfterSleeping() {
		String name = docker.newContainerName("sleeper");
		docker.checked("run", "--pull=never", "-d", "--name", name, "-e", "SLEEP=0", TestImages.SLEEPER);

		assertThat(docker.waitForExit(name, Duration.ofSeconds(30))).isZero();
	}

	@Test
	void sleepsUntilStoppedAndHonoursSigtermInsteadOfBeingKilled() {
		String name = docker.newContainerName("sleeper");
		docker.checked("run", "--pull=never", "-d", "--name", name, TestImages.SLEEPER);
		await().atMost(Duration.ofSeconds(20)).until(() -> docker.logs(name).contains("sleeper started"));
		assertThat(docker.isRunning(name)).isTrue();

		docker.checked("stop", "-t", "10", name);

		// 143 = ended by its own SIGTERM handler; 137 would mean docker had to SIGKILL it
		// after 10 s
		assertThat(docker.exitCode(name)).isEqualTo(143);
		assertThat(docker.logs(name)).endsWith("sleeper stopping");
	}

	@Test
	void runsACommandGivenInPlaceOfTheDefaultOne() {
		String name = docker.newContainerName("sleeper");

		DockerCli.Result result = docker.docker("run", "--name", name, TestImages.SLEEPER, "sh", "-c",
				"echo \"hello $((6 * 7))\"; exit 4");

		assertThat(result.exitCode()).isEqualTo(4);
		assertThat(result.output()).isEqualTo("hello 42");
	}

}
