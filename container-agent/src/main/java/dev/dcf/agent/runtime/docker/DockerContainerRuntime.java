package dev.dcf.agent.runtime.docker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.PullImageCmd;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.EventType;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dcf.agent.runtime.ContainerEvent;
import dev.dcf.agent.runtime.ContainerRuntime;
import dev.dcf.agent.runtime.ContainerRuntimeException;
import dev.dcf.agent.runtime.ContainerSummary;
import dev.dcf.agent.runtime.ContainerRuntimeException.Kind;
import dev.dcf.agent.runtime.ContainerSpec;
import dev.dcf.agent.runtime.ContainerStats;
import dev.dcf.agent.runtime.DaemonInfo;
import dev.dcf.agent.runtime.ManagedContainer;
import dev.dcf.agent.runtime.PullBytes;
import dev.dcf.agent.runtime.ManagedContainer.ContainerStatus;
import dev.dcf.agent.runtime.RegistryCredentials;
import dev.dcf.schemes.image.ImageReference;

/**
 * {@link ContainerRuntime} on a Docker daemon through docker-java (Apache HttpClient 5
 * transport).
 *
 * <p>
 * Every call is bounded: ordinary calls by {@code callTimeout}, a stop by its grace
 * period plus {@code callTimeout}, a pull by its timeout, the setup of an event stream by
 * {@code callTimeout} (see {@link BoundedCalls} for why the HTTP timeouts alone are not
 * enough). Pulls and event streams run on their own short-lived HTTP client so that
 * closing it always ends them. Thread-safe; {@link #close()} releases the connections.
 */
public class DockerContainerRuntime implements ContainerRuntime, AutoCloseable {

	private static final Duration NAME_RELEASE_PAUSE = Duration.ofMillis(200);

	private static final Logger log = LoggerFactory.getLogger(DockerContainerRuntime.class);

	private static final int MAX_CACHED_DIGESTS = 1000;

	private final DockerRuntimeSettings settings;

	private final Clock clock;

	private final DockerFailures failures;

	private final DockerClient client;

	private final BoundedCalls calls;

	/** Image id to digest: an id names one image forever, so nothing goes stale. */
	private final Map<String, String> digests = new ConcurrentHashMap<>();

	private final SettledContainers settled = new SettledContainers();

	public DockerContainerRuntime(DockerRuntimeSettings settings) {
		this(settings, Clock.systemUTC());
	}

	public DockerContainerRuntime(DockerRuntimeSettings settings, Clock clock) {
		this.settings = settings;
		this.clock = clock;
		this.failures = new DockerFailures(settings.host());
		// the HTTP response timeout is only a backstop (it works on
		// tcp://, not on unix sockets); it must outlast the longest stop,
		// which answers after its grace period
		this.client = newClient(settings.callTimeout().plus(settings.stopTimeout()));
		this.calls = new BoundedCalls(this.failures);
	}

	/** The settings this runtime was built with. */
	public DockerRuntimeSettings settings() {
		return this.settings;
	}

	@Override
	public DaemonInfo info() {
		Duration bound = this.settings.callTimeout();
		Info info = this.calls.call("read daemon info", bound, () -> this.client.infoCmd().exec());
		String apiVersion = (this.settings.apiVersion() != null) ? this.settings.apiVersion()
				: this.calls.call("read daemon version", bound, () -> this.client.versionCmd().exec()).getApiVersion();
		return new DaemonInfo(info.getServerVersion(), apiVersion, (info.getNCPU() != null) ? info.getNCPU() : 0,
				(info.getMemTotal() != null) ? info.getMemTotal() : 0L);
	}

	@Override
	public boolean imagePresent(String image) {
		return this.calls.call("inspect image " + image, this.settings.callTimeout(), () -> {
			try {
				this.client.inspectImageCmd(image).exec();
				return true;
			}
			catch (NotFoundException ex) {
				return false;
			}
		});
	}

	@Override
	public void pull(String image, Optional<RegistryCredentials> credentials, Duration timeout) {
		pull(image, credentials, timeout, (bytes) -> {
		});
	}

	@Override
	public void pull(String image, Optional<RegistryCredentials> credentials, Duration timeout,
			Consumer<PullBytes> listener) {
		String reference = ImageReference.withDefaultTag(image);
		Duration bound = (timeout != null) ? timeout : this.settings.pullTimeout();
		Optional<RegistryCredentials> login = (credentials != null) ? credentials : Optional.empty();
		log.info("Pulling image {}{}", reference,
				login.map((c) -> " with credentials of " + c.username() + " for registry " + c.registry()).orElse(""));
		try (DockerClient pullClient = newClient(null)) {
			PullImageCmd command = pullClient.pullImageCmd(reference);
			login.ifPresent((c) -> command.withAuthConfig(new AuthConfig().withRegistryAddress(c.registry())
				.withUsername(c.username())
				.withPassword(c.password())));
			PullProgress progress = command.exec(new PullProgress(listener));
			if (!progress.await(bound)) {
				throw this.failures.timeout("pulling image " + reference, bound);
			}
			if (progress.failure() != null) {
				throw pullFailure(reference, progress.failure(), login.isPresent());
			}
			if (progress.streamError() != null) {
				throw this.failures.pullFailed(reference, new IOException(progress.streamError()), login.isPresent());
			}
		}
		catch (IOException ex) {
			log.debug("Ignoring failure while closing the pull client", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ContainerRuntimeException(Kind.OTHER, "Interrupted while pulling image " + reference, ex);
		}
		if (!imagePresent(reference)) {
			throw new ContainerRuntimeException(Kind.IMAGE_NOT_FOUND,
					"image " + reference + " not found locally and could not be pulled: the pull ended without it");
		}
	}

	private ContainerRuntimeException pullFailure(String reference, Throwable failure, boolean withLogin) {
		ContainerRuntimeException translated = this.failures.translate("pull image " + reference, failure);
		if (translated.kind() == Kind.DAEMON_UNAVAILABLE || translated.kind() == Kind.TIMEOUT) {
			return translated;
		}
		return this.failures.pullFailed(reference, failure, withLogin);
	}

	@Override
	public ManagedContainer createAndStart(ContainerSpec spec) {
		Duration bound = this.settings.callTimeout();
		NamedCreate.Outcome outcome = NamedCreate.create(spec.name(),
				() -> this.calls.call("create container " + spec.name(), bound, () -> create(spec)), this::inspect,
				DockerContainerRuntime::pauseForNameRelease);
		if (outcome.existing() != null) {
			return existing(outcome.existing());
		}
		String id = outcome.createdId();
		try {
			start(id, spec.name());
		}
		catch (ContainerRuntimeException ex) {
			removeAfterFailedStart(id, spec.name(), ex);
			throw ex;
		}
		return inspect(id).orElseThrow(() -> new ContainerRuntimeException(Kind.OTHER,
				"container " + spec.name() + " disappeared right after it started"));
	}

	private static void pauseForNameRelease() {
		try {
			Thread.sleep(NAME_RELEASE_PAUSE.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ContainerRuntimeException(Kind.OTHER, "interrupted while waiting for a container name");
		}
	}

	/** The new container's id, or null if one with that name exists already. */
	private String create(ContainerSpec spec) {
		CreateContainerCmd command = this.client.createContainerCmd(spec.image())
			.withName(spec.name())
			.withEnv(HardenedHostConfig.env(spec.env()))
			.withLabels(spec.labels())
			.withHostConfig(HardenedHostConfig.of(spec));
		if (!spec.command().isEmpty()) {
			command.withCmd(spec.command());
		}
		try {
			return command.exec().getId();
		}
		catch (ConflictException ex) {
			log.debug("Container {} exists already: {}", spec.name(), DockerFailures.daemonMessage(ex));
			return null;
		}
		catch (NotFoundException ex) {
			// "No such image: ..."; newer daemons also check the network here
			if (DockerFailures.daemonMessage(ex).toLowerCase(Locale.ROOT).contains("image")) {
				throw this.failures.imageNotFound(spec.image(), ex);
			}
			throw ex;
		}
	}

	/**
	 * Idempotent create: the container of that name as it is, started if only created.
	 */
	private ManagedContainer existing(ManagedContainer found) {
		String name = found.name();
		if (found.state() != ContainerStatus.CREATED) {
			return found;
		}
		start(found.id(), name);
		return inspect(found.id()).orElseThrow(() -> new ContainerRuntimeException(Kind.OTHER,
				"container " + name + " disappeared right after it started"));
	}

	private void start(String id, String name) {
		this.calls.run("start container " + name, this.settings.callTimeout(), () -> {
			try {
				this.client.startContainerCmd(id).exec();
			}
			catch (NotModifiedException alreadyStarted) {
				// 304: running already
			}
		});
	}

	private void removeAfterFailedStart(String id, String name, ContainerRuntimeException cause) {
		try {
			remove(id);
		}
		catch (ContainerRuntimeException ex) {
			cause.addSuppressed(ex);
			log.warn("Could not remove container {} after its start failed: {}", name, ex.getMessage());
		}
	}

	@Override
	public void stop(String containerIdOrName, Duration timeout) {
		Duration grace = (timeout != null) ? timeout : this.settings.stopTimeout();
		int seconds = (int) Math.min(Integer.MAX_VALUE, (grace.toMillis() + 999) / 1000);
		Duration bound = Duration.ofSeconds(seconds).plus(this.settings.callTimeout());
		this.calls.run("stop container " + containerIdOrName, bound, () -> {
			try {
				this.client.stopContainerCmd(containerIdOrName).withTimeout(seconds).exec();
			}
			catch (NotModifiedException | NotFoundException alreadyStoppedOrGone) {
				// 304: not running; 404: gone. Both are what the caller wants.
			}
		});
	}

	/**
	 * Docker hands the log over in frames that need not end at line ends: they are joined
	 * first and split into lines afterwards.
	 */
	@Override
	public List<String> logsTail(String containerIdOrName, int lines, Duration timeout) {
		return tail(containerIdOrName, lines, timeout, true);
	}

	@Override
	public List<String> stderrTail(String containerIdOrName, int lines, Duration timeout) {
		return tail(containerIdOrName, lines, timeout, false);
	}

	private List<String> tail(String containerIdOrName, int lines, Duration timeout, boolean stdout) {
		return this.calls.call("read the log of container " + containerIdOrName, timeout, () -> {
			StringBuilder text = new StringBuilder();
			try {
				this.client.logContainerCmd(containerIdOrName)
					.withStdOut(stdout)
					.withStdErr(true)
					.withFollowStream(false)
					.withTail(lines)
					.exec(new ResultCallback.Adapter<Frame>() {
						@Override
						public void onNext(Frame frame) {
							synchronized (text) {
								text.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
							}
						}
					})
					.awaitCompletion();
			}
			catch (NotFoundException ex) {
				return List.of();
			}
			synchronized (text) {
				return text.toString().lines().toList();
			}
		});
	}

	/**
	 * A stream of its own (its own HTTP client, like {@link #watch}): closing it always
	 * ends it, also when the daemon stopped talking.
	 */
	@Override
	public Subscription followLogs(String containerIdOrName, int tail, Consumer<String> onLine,
			Consumer<Throwable> onEnd) {
		String description = "container " + containerIdOrName;
		DockerClient streamClient = newClient(null);
		LogFollow follow = new LogFollow(streamClient, description, onLine, onEnd, this.failures);
		try {
			streamClient.logContainerCmd(containerIdOrName)
				.withStdOut(true)
				.withStdErr(true)
				.withFollowStream(true)
				.withTail(tail)
				.exec(follow);
		}
		catch (RuntimeException ex) {
			follow.close();
			throw this.failures.translate("follow the log of " + description, ex);
		}
		follow.awaitEstablished(this.settings.callTimeout());
		return follow;
	}

	/**
	 * One answer of the stats endpoint without streaming: the daemon waits for a second
	 * reading, so the answer carries the previous one for the CPU %.
	 */
	@Override
	public Optional<ContainerStats> stats(String containerIdOrName, Duration timeout) {
		Statistics statistics = this.calls.call("read the stats of container " + containerIdOrName, timeout, () -> {
			AtomicReference<Statistics> first = new AtomicReference<>();
			ResultCallback.Adapter<Statistics> callback = new ResultCallback.Adapter<>() {
				@Override
				public void onNext(Statistics next) {
					first.compareAndSet(null, next);
				}
			};
			try {
				this.client.statsCmd(containerIdOrName).withNoStream(true).exec(callback).awaitCompletion();
			}
			catch (NotFoundException ex) {
				return null;
			}
			finally {
				callback.close();
			}
			return first.get();
		});
		return Optional.ofNullable((statistics != null) ? DockerStats.of(statistics, this.clock.instant()) : null);
	}

	@Override
	public void remove(String containerIdOrName) {
		this.settled.forget(containerIdOrName);
		this.calls.run("remove container " + containerIdOrName, this.settings.callTimeout(), () -> {
			try {
				this.client.removeContainerCmd(containerIdOrName).withForce(true).withRemoveVolumes(true).exec();
			}
			catch (NotFoundException alreadyGone) {
				// 404: gone already
			}
			catch (ConflictException ex) {
				// 409 "removal of container ... is already in progress": it is going away
				if (!DockerFailures.daemonMessage(ex).contains("already in progress")) {
					throw ex;
				}
			}
		});
	}

	@Override
	public Optional<ManagedContainer> inspect(String containerIdOrName) {
		Optional<ManagedContainer> found = this.calls.call("inspect container " + containerIdOrName,
				this.settings.callTimeout(), () -> {
					try {
						return Optional
							.of(DockerStates.container(this.client.inspectContainerCmd(containerIdOrName).exec()));
					}
					catch (NotFoundException ex) {
						return Optional.empty();
					}
				});
		// kept as reported, digest included: a listing hands the kept one out as it is
		Optional<ManagedContainer> reported = found.map(this::withDigest);
		reported.ifPresentOrElse(this.settled::inspected, () -> this.settled.forget(containerIdOrName));
		return reported;
	}

	/**
	 * The container with the digest of its image instead of the bare image id (see
	 * {@link ImageReferences#digest}). One bounded image inspect per image id, then
	 * cached; an image removed since falls back to its id, a daemon that does not answer
	 * in time leaves the digest unknown for this report.
	 */
	private ManagedContainer withDigest(ManagedContainer container) {
		String imageId = container.imageDigest();
		if (imageId == null || imageId.isBlank()) {
			return container;
		}
		String known = this.digests.get(imageId);
		if (known != null) {
			return container.withImageDigest(known);
		}
		String digest;
		try {
			digest = this.calls.call("inspect image " + imageId, this.settings.callTimeout(), () -> {
				try {
					return ImageReferences.digest(container.image(),
							this.client.inspectImageCmd(imageId).exec().getRepoDigests(), imageId);
				}
				catch (NotFoundException gone) {
					return imageId;
				}
			});
		}
		catch (ContainerRuntimeException ex) {
			log.debug("Digest of image {} unknown for now: {}", imageId, ex.getMessage());
			return container.withImageDigest(null);
		}
		if (this.digests.size() >= MAX_CACHED_DIGESTS) {
			this.digests.clear();
		}
		this.digests.put(imageId, digest);
		return container.withImageDigest(digest);
	}

	/**
	 * The list call lacks exit codes, OOM flags and times, so each container is
	 * inspected; one removed in between is left out.
	 */
	@Override
	public List<ManagedContainer> list(String labelKey, String labelValue) {
		List<Container> listed = listing(labelKey, labelValue);
		List<ManagedContainer> result = new ArrayList<>(listed.size());
		for (Container container : listed) {
			this.settled.known(container.getId(), DockerStates.status(container.getState()))
				.or(() -> inspect(container.getId()))
				.ifPresent(result::add);
		}
		result.sort(Comparator.comparing(ManagedContainer::name, Comparator.nullsLast(Comparator.naturalOrder())));
		return result;
	}

	/** One listing call: what {@code docker ps -a --filter label=...} shows. */
	private List<Container> listing(String labelKey, String labelValue) {
		return this.calls.call("list containers with label " + labelKey + "=" + labelValue, this.settings.callTimeout(),
				() -> this.client.listContainersCmd()
					.withShowAll(true)
					.withLabelFilter(Map.of(labelKey, labelValue))
					.exec());
	}

	@Override
	public List<ContainerSummary> summaries(String labelKey, String labelValue) {
		List<Container> listed = listing(labelKey, labelValue);
		List<ContainerSummary> result = new ArrayList<>(listed.size());
		for (Container container : listed) {
			String[] names = container.getNames();
			String name = (names != null && names.length > 0) ? names[0].replaceFirst("^/", "") : null;
			result.add(new ContainerSummary(container.getId(), name, container.getLabels(),
					DockerStates.status(container.getState())));
		}
		result.sort(Comparator.comparing(ContainerSummary::name, Comparator.nullsLast(Comparator.naturalOrder())));
		return result;
	}

	@Override
	public Subscription watch(String labelKey, String labelValue, Consumer<ContainerEvent> listener,
			Consumer<Throwable> onError) {
		String description = "containers with label " + labelKey + "=" + labelValue;
		DockerClient streamClient = newClient(null);
		Consumer<ContainerEvent> forgetting = (event) -> {
			// what an inspect said before the event is out of date
			this.settled.forget(event.containerId());
			listener.accept(event);
		};
		EventSubscription subscription = new EventSubscription(streamClient, description, forgetting, onError,
				this.clock, this.failures);
		try {
			streamClient.eventsCmd()
				.withEventTypeFilter(EventType.CONTAINER)
				.withLabelFilter(Map.of(labelKey, labelValue))
				.withEventFilter("start", "die", "oom", "destroy")
				.exec(subscription);
		}
		catch (RuntimeException ex) {
			subscription.close();
			throw this.failures.translate("watch events (" + description + ")", ex);
		}
		subscription.awaitEstablished(this.settings.callTimeout());
		return subscription;
	}

	@Override
	public void close() {
		this.calls.close();
		try {
			this.client.close();
		}
		catch (IOException ex) {
			log.debug("Ignoring failure while closing the Docker client", ex);
		}
	}

	/**
	 * A client on its own connection pool. {@code responseTimeout} null = none (event
	 * streams are silent for as long as nothing happens).
	 */
	private DockerClient newClient(Duration responseTimeout) {
		// a plain builder: the agent's settings decide, not DOCKER_* variables or
		// ~/.docker-java.properties of whoever runs it
		DefaultDockerClientConfig config = new DefaultDockerClientConfig.Builder()
			.withDockerHost(this.settings.host().toString())
			.withApiVersion(this.settings.apiVersion())
			.build();
		ApacheDockerHttpClient.Builder http = new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost())
			.connectionTimeout(this.settings.connectTimeout());
		if (responseTimeout != null) {
			http.responseTimeout(responseTimeout);
		}
		return DockerClientImpl.getInstance(config, http.build());
	}

}
