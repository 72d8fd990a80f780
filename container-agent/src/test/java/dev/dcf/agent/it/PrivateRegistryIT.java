package dev.dcf.agent.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.PushResponseItem;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.dcf.schemes.avro.ContainerState;
import dev.dcf.schemes.avro.JobStatus;
import dev.dcf.schemes.avro.JobStatusKind;
import dev.dcf.schemes.avro.StartFailure;
import dev.dcf.testsupport.RequiresDocker;
import dev.dcf.testsupport.TestImages;
import dev.dcf.testsupport.TestTopics;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import dev.dcf.testsupport.DockerInspector;
import dev.dcf.agent.testing.TestAgent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent pulls from a real private registry with the login configured for its host:
 * Docker Distribution ({@code docker-registry serve}, Debian's {@code docker-registry})
 * with htpasswd authentication, as a child process on a free 127.0.0.1 port. Docker
 * treats registries on 127.0.0.0/8 as insecure, so plain HTTP works and nothing leaves
 * the machine. Each test pushes the sleeper image there under a tag of its own and
 * removes the local tag, so the agent has to pull it.
 *
 * <p>
 * Without the {@code docker-registry} binary the tests are skipped, or fail when
 * {@code DCF_REQUIRE} names docker (as in CI, where {@code .ci/run} installs it). The
 * registry's output goes to {@code target/private-registry-<port>/registry.log}.
 */
@RequiresDocker
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith({ DistributionRegistry.BinaryCondition.class, OutputCaptureExtension.class })
class PrivateRegistryIT {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final String USERNAME = "dcf-robot";

	/** Unique per run, so that finding it anywhere in the output means it leaked. */
	private final String password = "pw-" + UUID.randomUUID();

	private DistributionRegistry registry;

	private DockerClient docker;

	private DockerInspector inspector;

	private TestTopics topics;

	private Instructions instructions;

	private Collector<JobStatus> jobStatus;

	private TestAgent agent;

	private String agentId;

	private final List<String> localImages = new ArrayList<>();

	/** Image id of each pushed reference, as it was locally when pushed. */
	private final Map<String, String> pushedIds = new HashMap<>();

	@BeforeAll
	void startRegistry() throws Exception {
		Path binary = DistributionRegistry.binary().orElseThrow();
		TestImages.ensureBuilt();
		this.registry = DistributionRegistry.start(binary, USERNAME, this.password);
		DefaultDockerClientConfig config = new DefaultDockerClientConfig.Builder()
			.withDockerHost("unix:///var/run/docker.sock")
			.build();
		this.docker = DockerClientImpl.getInstance(config,
				new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost()).build());
		this.inspector = new DockerInspector();
	}

	@AfterAll
	void stopRegistry() throws IOException {
		if (this.inspector != null) {
			this.inspector.close();
		}
		if (this.docker != null) {
			this.docker.close();
		}
		if (this.registry != null) {
			this.registry.stop();
		}
	}

	@BeforeEach
	void connect() {
		this.topics = TestTopics.unique();
		this.instructions = new Instructions(this.topics.instructions());
		this.jobStatus = Wire.collect(this.topics.jobStatus(), JobStatus.class);
	}

	@AfterEach
	void cleanUp() {
		if (this.agent != null) {
			this.agent.close();
			this.agent = null;
		}
		if (this.agentId != null) {
			this.inspector.removeAllOf(this.agentId);
		}
		this.localImages.forEach(this::removeLocalTag);
		this.localImages.clear();
		this.instructions.close();
		this.jobStatus.close();
	}

	@Test
	void pullsFromAPrivateRegistryWithTheConfiguredCredentials(CapturedOutput output) {
		String jobId = Instructions.newJobId();
		String image = pushPrivateCopy(jobId);
		String pushedId = this.pushedIds.get(image);
		assertThat(localImageId(image)).as("local copy of %s before the pull", image).isEmpty();
		startAgent(Optional.of(this.password));

		this.instructions.send(Instructions.create(this.agentId, jobId, 1, image, 1, Map.of()));
		JobStatus started = awaitStatus(jobId, JobStatusKind.STARTED, JobStatusKind.START_FAILED);

		assertThat(started.getKind()).as("status, reason: %s", started.getReason()).isEqualTo(JobStatusKind.STARTED);
		assertThat(started.getContainers()).singleElement()
			.satisfies((info) -> assertThat(info.getState()).isEqualTo(ContainerState.RUNNING));
		String pulledId = localImageId(image).orElseThrow(() -> new AssertionError(image + " is not present locally"));
		assertThat(pulledId).isEqualTo(pushedId);
		InspectContainerResponse container = this.inspector.inspect(started.getContainers().get(0).getContainerId());
		assertThat(container.getConfig().getImage()).isEqualTo(image);
		assertThat(container.getImageId()).isEqualTo(pulledId);
		assertThat(container.getState().getRunning()).isTrue();
		// pulled from a registry: the image the container ran is named by its repo digest
		List<String> repoDigests = this.docker.inspectImageCmd(image).exec().getRepoDigests();
		assertThat(started.getContainers().get(0).getImageDigest()).isIn(repoDigests)
			.startsWith(this.registry.host() + "/")
			.contains("@sha256:");
		assertThat(output.getAll()).contains(
				"Pulling " + image + " from " + this.registry.host() + " with configured credentials",
				"Pulled " + image);
		assertThat(output.getAll()).doesNotContain(this.password);
	}

	@Test
	void wrongCredentialsFailTheStartWithAClearReasonAndNoSecret(CapturedOutput output) {
		String jobId = Instructions.newJobId();
		String image = pushPrivateCopy(jobId);
		String wrongPassword = "wrong-" + UUID.randomUUID();
		startAgent(Optional.of(wrongPassword));

		this.instructions.send(Instructions.create(this.agentId, jobId, 1, image, 2, Map.of()));
		JobStatus failed = awaitStatus(jobId, JobStatusKind.START_FAILED, JobStatusKind.STARTED);

		assertThat(failed.getKind()).isEqualTo(JobStatusKind.START_FAILED);
		assertThat(failed.getFailure()).isEqualTo(StartFailure.IMAGE_UNAVAILABLE);
		assertThat(failed.getReason())
			.startsWith("cannot pull image '" + image + "': registry refused the credentials for image " + image)
			.doesNotContain(wrongPassword)
			.doesNotContain(this.password);
		assertThat(failed.getContainers()).isEmpty();
		assertThat(this.inspector.withLabel("dcf.job-id", jobId)).isEmpty();
		assertThat(localImageId(image)).isEmpty();
		assertThat(output.getAll())
			.contains("Pulling " + image + " from " + this.registry.host() + " with configured credentials");
		assertThat(output.getAll()).doesNotContain(wrongPassword).doesNotContain(this.password);
	}

	@Test
	void noCredentialsForAPrivateRegistryFailTheStart(CapturedOutput output) {
		String jobId = Instructions.newJobId();
		String image = pushPrivateCopy(jobId);
		startAgent(Optional.empty());

		this.instructions.send(Instructions.create(this.agentId, jobId, 1, image, 1, Map.of()));
		JobStatus failed = awaitStatus(jobId, JobStatusKind.START_FAILED, JobStatusKind.STARTED);

		assertThat(failed.getKind()).isEqualTo(JobStatusKind.START_FAILED);
		assertThat(failed.getFailure()).isEqualTo(StartFailure.IMAGE_UNAVAILABLE);
		// the daemon's own words follow the agent's: Head "http://<registry>/v2/...": no
		// basic auth credentials
		assertThat(failed.getReason())
			.startsWith("cannot pull image '" + image + "': registry requires a login for image " + image
					+ " and this agent has none for its host (dcf.agent.registries): ")
			.endsWith("no basic auth credentials");
		assertThat(failed.getContainers()).isEmpty();
		assertThat(this.inspector.withLabel("dcf.job-id", jobId)).isEmpty();
		assertThat(localImageId(image)).isEmpty();
		assertThat(output.getAll()).contains("Pulling " + image + " from " + this.registry.host())
			.doesNotContain("Pulling " + image + " from " + this.registry.host() + " with configured credentials")
			.doesNotContain(this.password);
	}

	/**
	 * Starts this test's agent: images of the private registry allowed, with a login for
	 * it if {@code password} is given.
	 */
	private void startAgent(Optional<String> password) {
		this.agentId = "it-private-" + UUID.randomUUID().toString().substring(0, 8);
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("dcf.agent.id", this.agentId);
		settings.put("dcf.agent.allowed-images", this.registry.host() + "/dcf-test/**");
		settings.put("dcf.agent.pull-timeout", "30s");
		password.ifPresent((secret) -> {
			String login = "dcf.agent.registries[" + this.registry.host() + "].";
			settings.put(login + "username", USERNAME);
			settings.put(login + "password", secret);
		});
		this.agent = TestAgent.start(this.topics, settings);
	}

	/**
	 * Pushes the sleeper to the private registry as
	 * {@code <registry>/dcf-test/private-sleeper:<tag>} and removes that local tag again.
	 * @return the image reference
	 */
	private String pushPrivateCopy(String tag) {
		String repository = this.registry.host() + "/dcf-test/private-sleeper";
		String image = repository + ":" + tag;
		this.localImages.add(image);
		this.docker.tagImageCmd(TestImages.SLEEPER, repository, tag).exec();
		this.pushedIds.put(image, localImageId(image).orElseThrow());
		try (PushCallback push = this.docker.pushImageCmd(repository)
			.withTag(tag)
			.withAuthConfig(new AuthConfig().withRegistryAddress(this.registry.host())
				.withUsername(USERNAME)
				.withPassword(this.password))
			.exec(new PushCallback())) {
			if (!push.awaitCompletion(60, TimeUnit.SECONDS)) {
				throw new IllegalStateException("Pushing " + image + " did not finish within 60 s");
			}
			if (push.error != null) {
				throw new IllegalStateException(
						"Pushing " + image + " failed: " + push.error + " (registry log: " + this.registry.log() + ")");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		removeLocalTag(image);
		return image;
	}

	private Optional<String> localImageId(String image) {
		try {
			return Optional.of(this.docker.inspectImageCmd(image).exec().getId());
		}
		catch (NotFoundException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Untags {@code image}; the sleeper keeps its own tag (forced in case the sleeper was
	 * rebuilt meanwhile and a container still uses the old image).
	 */
	private void removeLocalTag(String image) {
		try {
			this.docker.removeImageCmd(image).withForce(true).withNoPrune(true).exec();
		}
		catch (NotFoundException ex) {
			// not here
		}
	}

	private JobStatus awaitStatus(String jobId, JobStatusKind... kinds) {
		List<JobStatusKind> wanted = List.of(kinds);
		return this.jobStatus.await((s) -> s.getJobId().equals(jobId) && wanted.contains(s.getKind()), WAIT);
	}

	/** Collects the first error of a push; completion is awaited by the caller. */
	private static final class PushCallback extends ResultCallback.Adapter<PushResponseItem> {

		private volatile String error;

		@Override
		public void onNext(PushResponseItem item) {
			if (item.isErrorIndicated() && this.error == null) {
				this.error = (item.getErrorDetail() != null) ? item.getErrorDetail().getMessage() : "push failed";
			}
		}

	}

}
