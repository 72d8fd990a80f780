package dev.dcf.agent.runtime.docker;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.dcf.agent.runtime.ContainerEvent;
import dev.dcf.agent.runtime.ContainerRuntime;
import dev.dcf.agent.runtime.ContainerRuntimeContract;
import dev.dcf.agent.runtime.ContainerRuntimeException;
import dev.dcf.agent.runtime.ContainerRuntimeException.Kind;
import dev.dcf.agent.runtime.ContainerSpec;
import dev.dcf.agent.runtime.ContainerStats;
import dev.dcf.agent.runtime.DockerSocketProxy;
import dev.dcf.agent.runtime.ManagedContainer;
import dev.dcf.agent.runtime.ManagedContainer.ContainerStatus;
import dev.dcf.testsupport.RequiresDocker;
import dev.dcf.testsupport.TestImages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

/**
 * The Docker adapter on the real daemon: the port's contract, plus what only Docker can
 * show (hardening through a raw inspect) and how the adapter behaves when the daemon is
 * missing, hangs or drops its connections (through {@link DockerSocketProxy}, so the
 * shared dockerd keeps running).
 */
@RequiresDocker
class DockerContainerRuntimeIT extends ContainerRuntimeContract {

	/** Guards tests of failure paths against hanging the build if a bound is broken. */
	private static final Duration HANG_GUARD = Duration.ofSeconds(60);

	private final DockerClient raw = rawClient();

	private final List<AutoCloseable> closeAfter = new CopyOnWriteArrayList<>();

	@BeforeAll
	static void buildImages() {
		TestImages.ensureBuilt();
	}

	@Override
	protected ContainerRuntime createRuntime() {
		return new DockerContainerRuntime(DockerRuntimeSettings.defaults());
	}

	@Override
	protected String sleeperImage() {
		return TestImages.SLEEPER;
	}

	@AfterEach
	void closeExtras() throws Exception {
		for (AutoCloseable closeable : this.closeAfter) {
			closeable.close();
		}
		this.raw.close();
	}

	@Test
	void createdContainerCarriesEveryHardeningField() {
		ContainerSpec spec = new ContainerSpec("dcf-test-" + this.runId + "-hardened", sleeperImage(), List.of(),
				Map.of("KAFKA_TOPIC", "t1"), Map.of(RUN_LABEL, this.runId), 250_000_000L, 48L << 20, "bridge",
				new ContainerSpec.Hardening(77, "3m", 4));
		ManagedContainer started = this.runtime.createAndStart(spec);

		InspectContainerResponse inspected = this.raw.inspectContainerCmd(started.id()).exec();

		HostConfig host = inspected.getHostConfig();
		assertThat(host.getPrivileged()).isFalse();
		assertThat(host.getCapDrop()).extracting(Enum::name).contains("ALL");
		assertThat(host.getCapAdd()).isNullOrEmpty();
		assertThat(host.getSecurityOpts()).containsExactly("no-new-privileges");
		assertThat(host.getPidsLimit()).isEqualTo(77L);
		assertThat(host.getRestartPolicy().getName()).as("restart policy (empty means no)").isIn("", "no");
		assertThat(host.getRestartPolicy().getMaximumRetryCount()).isZero();
		assertThat(host.getLogConfig().getType().getType()).isEqualTo("json-file");
		assertThat(host.getLogConfig().getConfig()).containsEntry("max-size", "3m").containsEntry("max-file", "4");
		assertThat(host.getMemory()).isEqualTo(48L << 20);
		assertThat(host.getMemorySwap()).isEqualTo(48L << 20);
		assertThat(host.getNanoCPUs()).isEqualTo(250_000_000L);
		assertThat(host.getBinds()).isNullOrEmpty();
		assertThat(host.getDevices()).isNullOrEmpty();
		assertThat(host.getPidMode()).isNotEqualTo("host");
		assertThat(host.getIpcMode()).isNotEqualTo("host");
		assertThat(host.getNetworkMode()).isEqualTo("bridge");
		assertThat(host.getReadonlyRootfs()).isFalse();
		assertThat(inspected.getMounts()).isNullOrEmpty();
		assertThat(inspected.getConfig().getEnv()).contains("KAFKA_TOPIC=t1");
		assertThat(inspected.getConfig().getLabels()).containsEntry(RUN_LABEL, this.runId);
	}

	/**
	 * The sleeper is built locally: no registry gave it a repo digest, so the digest is
	 * its image id, as {@code docker image inspect --format '{{.Id}}'} prints it.
	 */
	@Test
	void aContainerOfALocallyBuiltImageReportsTheImageId() {
		ManagedContainer started = this.runtime.createAndStart(spec("digest", Map.of(), 0, 0));

		String imageId = this.raw.inspectImageCmd(sleeperImage()).exec().getId();
		assertThat(this.raw.inspectImageCmd(sleeperImage()).exec().getRepoDigests()).isNullOrEmpty();
		assertThat(imageId).startsWith("sha256:");
		assertThat(started.imageDigest()).isEqualTo(imageId);
		assertThat(this.runtime.inspect(started.id())).get()
			.extracting(ManagedContainer::imageDigest)
			.isEqualTo(imageId);
	}

	@Test
	void hardeningTakesEffectInsideTheContainer() throws Exception {
		ContainerSpec spec = new ContainerSpec("dcf-test-" + this.runId + "-kernel", sleeperImage(),
				List.of("grep", "-E", "^(NoNewPrivs|CapEff|CapPrm|CapBnd):", "/proc/self/status"), Map.of(),
				Map.of(RUN_LABEL, this.runId), 0, 0, "bridge", ContainerSpec.Hardening.DEFAULT);
		ManagedContainer started = this.runtime.createAndStart(spec);
		assertThat(awaitState(started.id(), ContainerStatus.EXITED).exitCode()).isZero();

		String status = logs(started.id());

		assertThat(status).contains("NoNewPrivs:\t1")
			.contains("CapEff:\t0000000000000000")
			.contains("CapPrm:\t0000000000000000")
			.contains("CapBnd:\t0000000000000000");
	}

	@Test
	void createAndStartStartsAnExistingContainerThatWasOnlyCreated() {
		ContainerSpec spec = spec("precreated", Map.of(), 0, 0);
		String id = this.raw.createContainerCmd(spec.image())
			.withName(spec.name())
			.withLabels(spec.labels())
			.exec()
			.getId();

		ManagedContainer started = this.runtime.createAndStart(spec);

		assertThat(started.id()).isEqualTo(id);
		assertThat(started.state()).isEqualTo(ContainerStatus.RUNNING);
	}

	/**
	 * An earlier run's container of the same name being removed while the new one is
	 * created (two agents on one daemon, a job moved between them): the create waits for
	 * the name instead of failing the run, and never hands back the container on its way
	 * out. Against the real daemon the race is hit only sometimes (its removal is usually
	 * over first), so it runs several times; {@link NamedCreateTests} plays the daemon's
	 * answers of the race in order.
	 */
	@Test
	void aCreateRacingTheRemovalOfTheContainerHoldingItsNameStartsANewContainer() throws Exception {
		for (int round = 0; round < 6; round++) {
			ContainerSpec spec = spec("race-" + round, Map.of(), 0, 0);
			ManagedContainer holder = this.runtime.createAndStart(spec);
			Thread remover = new Thread(() -> this.raw.removeContainerCmd(holder.id()).withForce(true).exec());
			remover.start();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> this.runtime.inspect(holder.id())
					.map((c) -> c.state() == ContainerStatus.REMOVING)
					.orElse(true) || !remover.isAlive());

			ManagedContainer replacement = this.runtime.createAndStart(spec);

			remover.join(10_000);
			assertThat(replacement.id()).as("round %d: a new container, not the removed one", round)
				.isNotEqualTo(holder.id());
			assertThat(this.runtime.inspect(replacement.id()).orElseThrow().state()).isEqualTo(ContainerStatus.RUNNING);
			this.runtime.remove(replacement.id());
		}
	}

	@Test
	void failedStartRemovesTheCreatedContainer() {
		ContainerSpec spec = new ContainerSpec("dcf-test-" + this.runId + "-nonet", sleeperImage(), List.of(), Map.of(),
				Map.of(RUN_LABEL, this.runId), 0, 0, "dcf-no-such-network-" + this.runId,
				ContainerSpec.Hardening.DEFAULT);

		assertThatExceptionOfType(ContainerRuntimeException.class).isThrownBy(() -> this.runtime.createAndStart(spec))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(Kind.REJECTED))
			.withMessageContaining("dcf-no-such-network-" + this.runId);
		assertThat(this.runtime.inspect(spec.name())).isEmpty();
	}

	@Test
	void daemonUnreachableFailsFastWithDaemonUnavailable() {
		URI missing = URI.create("unix://" + socketPath("missing").toAbsolutePath());
		try (DockerContainerRuntime unreachable = new DockerContainerRuntime(
				DockerRuntimeSettings.defaults().withHost(missing))) {
			assertTimeoutPreemptively(HANG_GUARD, () -> {
				assertUnavailable(unreachable::info, missing);
				assertUnavailable(() -> unreachable.list(RUN_LABEL, this.runId), missing);
				assertUnavailable(() -> unreachable.inspect("x"), missing);
				assertUnavailable(() -> unreachable.createAndStart(spec("unreachable", Map.of(), 0, 0)), missing);
				assertUnavailable(() -> unreachable.stop("x", Duration.ofSeconds(1)), missing);
				assertUnavailable(() -> unreachable.remove("x"), missing);
				assertUnavailable(() -> unreachable.pull(sleeperImage(), Optional.empty(), Duration.ofSeconds(10)),
						missing);
				assertUnavailable(() -> unreachable.watch(RUN_LABEL, this.runId, (event) -> {
				}, (error) -> {
				}), missing);
			});
		}
	}

	@Test
	void statsOfARunningContainerShowItsMemoryAgainstItsLimitAndThereAreNoneOfAnExitedOrGoneOne() {
		ManagedContainer running = this.runtime.createAndStart(spec("stats", Map.of(), 0, 64L << 20));
		ManagedContainer exited = this.runtime.createAndStart(spec("stats-exited", Map.of("SLEEP", "0"), 0, 0));
		awaitState(exited.id(), ContainerStatus.EXITED);

		ContainerStats stats = this.runtime.stats(running.id(), SOON).orElseThrow();

		assertThat(stats.memoryLimitBytes()).isEqualTo(64L << 20);
		assertThat(stats.memoryBytes()).isPositive().isLessThan(64L << 20);
		assertThat(stats.cpuPercent()).isBetween(0.0, 100.0 * Runtime.getRuntime().availableProcessors());
		assertThat(stats.sampledAt()).isNotNull();
		assertThat(this.runtime.stats(exited.id(), SOON)).isEmpty();
		this.runtime.remove(running.id());
		assertThat(this.runtime.stats(running.id(), SOON)).isEmpty();
	}

	@Test
	void hungDaemonFailsWithTimeoutInsteadOfHanging() {
		DockerSocketProxy hung = closeLater(DockerSocketProxy.silent(socketPath("hung")));
		DockerRuntimeSettings settings = DockerRuntimeSettings.defaults()
			.withHost(hung.uri())
			.withCallTimeout(Duration.ofMillis(500));
		try (DockerContainerRuntime runtime = new DockerContainerRuntime(settings)) {
			assertTimeoutPreemptively(HANG_GUARD, () -> {
				assertTimeout(runtime::info);
				assertTimeout(() -> runtime.inspect("x"));
				assertTimeout(() -> runtime.stop("x", Duration.ofSeconds(1)));
				assertTimeout(() -> runtime.logsTail("x", 50, Duration.ofMillis(500)));
				assertTimeout(() -> runtime.stats("x", Duration.ofMillis(500)));
				assertTimeout(() -> runtime.pull(sleeperImage(), Optional.empty(), Duration.ofSeconds(1)));
				assertTimeout(() -> runtime.watch(RUN_LABEL, this.runId, (event) -> {
				}, (error) -> {
				}));
			});
		}
		// nothing stays blocked on the hung socket: the stream threads of the timed-out
		// pull and watch end once their clients are closed
		await().atMost(SOON).until(() -> liveThreadsNamed("docker-java-stream").isEmpty());
	}

	@Test
	void watchSignalsErrorWhenDaemonConnectionBreaks() {
		DockerSocketProxy proxy = closeLater(DockerSocketProxy.forwarding(socketPath("proxy")));
		List<Throwable> errors = new CopyOnWriteArrayList<>();
		List<ContainerEvent> events = new CopyOnWriteArrayList<>();
		try (DockerContainerRuntime viaProxy = new DockerContainerRuntime(
				DockerRuntimeSettings.defaults().withHost(proxy.uri()));
				ContainerRuntime.Subscription subscription = viaProxy.watch(RUN_LABEL, this.runId, events::add,
						errors::add)) {

			proxy.dropConnections();

			await().atMost(SOON).until(() -> !errors.isEmpty());
			assertThat(errors).singleElement()
				.isInstanceOfSatisfying(ContainerRuntimeException.class,
						(ex) -> assertThat(ex.kind()).isEqualTo(Kind.DAEMON_UNAVAILABLE));

			// the daemon is back (the proxy still listens): a new subscription works
			try (ContainerRuntime.Subscription again = viaProxy.watch(RUN_LABEL, this.runId, events::add,
					errors::add)) {
				ManagedContainer started = viaProxy
					.createAndStart(spec("rewatched", Map.of("SLEEP", "0", "EXIT_CODE", "5"), 0, 0));
				await().atMost(SOON)
					.untilAsserted(() -> assertThat(events)
						.anySatisfy((event) -> assertThat(event.containerId()).isEqualTo(started.id())));
			}
			assertThat(errors).hasSize(1);
		}
	}

	@Test
	void runtimeRecoversWhenDaemonComesBack() {
		DockerSocketProxy proxy = closeLater(DockerSocketProxy.forwarding(socketPath("flaky")));
		try (DockerContainerRuntime viaProxy = new DockerContainerRuntime(
				DockerRuntimeSettings.defaults().withHost(proxy.uri()))) {
			assertThat(viaProxy.info().cpus()).isPositive();

			proxy.stop();
			assertUnavailable(viaProxy::info, proxy.uri());

			proxy.start();
			assertThat(viaProxy.info().cpus()).isPositive();
			assertThat(viaProxy.inspect("dcf-never-existed-" + this.runId)).isEmpty();
		}
	}

	private static void assertUnavailable(Runnable call, URI host) {
		assertThatExceptionOfType(ContainerRuntimeException.class).isThrownBy(call::run)
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(Kind.DAEMON_UNAVAILABLE))
			.withMessageStartingWith("Docker daemon not reachable at " + host + ": ");
	}

	private static void assertTimeout(Runnable call) {
		assertThatExceptionOfType(ContainerRuntimeException.class).isThrownBy(call::run)
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(Kind.TIMEOUT));
	}

	private String logs(String id) throws InterruptedException {
		StringBuilder text = new StringBuilder();
		ResultCallback.Adapter<Frame> collector = new ResultCallback.Adapter<>() {
			@Override
			public void onNext(Frame frame) {
				text.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
			}
		};
		this.raw.logContainerCmd(id).withStdOut(true).withStdErr(true).exec(collector);
		assertThat(collector.awaitCompletion(30, TimeUnit.SECONDS)).as("logs read").isTrue();
		return text.toString();
	}

	private static List<String> liveThreadsNamed(String prefix) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.isAlive() && thread.getName().startsWith(prefix))
			.map(Thread::getName)
			.toList();
	}

	private Path socketPath(String role) {
		return Path.of("target", "sockets", this.runId + "-" + role + ".sock");
	}

	private <T extends AutoCloseable> T closeLater(T closeable) {
		this.closeAfter.add(closeable);
		return closeable;
	}

	private static DockerClient rawClient() {
		DefaultDockerClientConfig config = new DefaultDockerClientConfig.Builder()
			.withDockerHost(DockerRuntimeSettings.DEFAULT_HOST.toString())
			.build();
		return DockerClientImpl.getInstance(config,
				new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost())
					.connectionTimeout(Duration.ofSeconds(5))
					.responseTimeout(Duration.ofSeconds(30))
					.build());
	}

}
