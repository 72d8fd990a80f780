package dev.dcf.agent.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The agent's port to a container engine. Only {@code runtime.docker} implements it and
 * only that package imports docker-java; everything else in the agent speaks these
 * records.
 *
 * <p>
 * Contract for every implementation (checked by {@code ContainerRuntimeContract}):
 * <ul>
 * <li>every call is bounded by a timeout and fails with
 * {@link ContainerRuntimeException.Kind#TIMEOUT} or
 * {@link ContainerRuntimeException.Kind#DAEMON_UNAVAILABLE} instead of hanging;</li>
 * <li>{@link #stop} of a container that is already stopped and
 * {@link #stop}/{@link #remove} of one that is already gone succeed;</li>
 * <li>{@link #createAndStart} with a name that already exists returns that container
 * instead of creating a second one (idempotent by name);</li>
 * <li>implementations are thread-safe.</li>
 * </ul>
 */
public interface ContainerRuntime {

	/** Daemon facts; fails with DAEMON_UNAVAILABLE if the daemon does not answer. */
	DaemonInfo info();

	/** Whether the image is present locally. */
	boolean imagePresent(String image);

	/**
	 * Pulls an image, with credentials for its registry if any. Fails with
	 * IMAGE_NOT_FOUND if the registry does not know it, UNAUTHORIZED if it refuses the
	 * credentials or wants some and none were given, TIMEOUT if it takes longer than
	 * {@code timeout}.
	 */
	void pull(String image, Optional<RegistryCredentials> credentials, Duration timeout);

	/**
	 * {@link #pull(String, Optional, Duration)} telling {@code progress} how far it has
	 * come, on a runtime thread, whenever the engine says so; the listener must not
	 * block. Fails like the plain pull, and with REGISTRY_UNAVAILABLE if the registry
	 * answered with a server error or did not answer in time (worth trying again).
	 * Implementations that cannot follow a pull report nothing.
	 */
	default void pull(String image, Optional<RegistryCredentials> credentials, Duration timeout,
			Consumer<PullBytes> progress) {
		pull(image, credentials, timeout);
	}

	/**
	 * Creates and starts one container. If a container named {@code spec.name()} exists
	 * already, it is returned as it is (started if it was only created).
	 */
	ManagedContainer createAndStart(ContainerSpec spec);

	/**
	 * Stops gracefully (SIGTERM, then SIGKILL after {@code timeout}); stopped or gone =
	 * ok.
	 */
	void stop(String containerIdOrName, Duration timeout);

	/** Removes (forcibly, with anonymous volumes); gone = ok. */
	void remove(String containerIdOrName);

	/**
	 * The last {@code lines} lines a container wrote (stdout and stderr interleaved, in
	 * order), within {@code timeout}. Fails with TIMEOUT if the daemon does not hand them
	 * over in time; a container that is gone has none. Implementations that cannot read
	 * logs return none.
	 */
	default List<String> logsTail(String containerIdOrName, int lines, Duration timeout) {
		return List.of();
	}

	/**
	 * The stderr lines among the last {@code lines} lines of a container's log, within
	 * {@code timeout} (Docker filters its tail by stream). Docker orders the lines of
	 * stdout and stderr as it copies its two pipes, so an error line written last can
	 * land hundreds of lines before the end, out of {@link #logsTail}; a wide window
	 * finds it. Fails like {@link #logsTail}. Implementations that cannot tell the
	 * streams apart return none.
	 */
	default List<String> stderrTail(String containerIdOrName, int lines, Duration timeout) {
		return List.of();
	}

	/**
	 * Follows what a container writes: its last {@code tail} lines, then every new line
	 * (stdout and stderr, each line whole), on a runtime thread, until the container
	 * stops or the subscription is closed; {@code onLine} must not block. {@code onEnd}
	 * is called once when the stream ends by itself (null) or fails, never after close.
	 * Fails with TIMEOUT if the daemon does not answer the request in time.
	 * Implementations that cannot follow logs end at once without lines.
	 */
	default Subscription followLogs(String containerIdOrName, int tail, Consumer<String> onLine,
			Consumer<Throwable> onEnd) {
		onEnd.accept(null);
		return () -> {
		};
	}

	/**
	 * One resource sample of a running container, within {@code timeout} (the engine may
	 * take about a second to compare two readings). Empty if the container is gone or
	 * does not run. Fails with TIMEOUT if the daemon does not answer in time.
	 * Implementations that cannot sample return empty.
	 */
	default Optional<ContainerStats> stats(String containerIdOrName, Duration timeout) {
		return Optional.empty();
	}

	/** One container by id or name, or empty if it does not exist. */
	Optional<ManagedContainer> inspect(String containerIdOrName);

	/**
	 * All containers (running or not) carrying {@code labelKey=labelValue}, e.g.
	 * {@code dcf.agent-id=<id>}.
	 */
	List<ManagedContainer> list(String labelKey, String labelValue);

	/**
	 * What {@link #list} finds, as one listing shows it (no inspection of each): for
	 * counting and finding containers, where {@link #list} costs a call per container (a
	 * capacity check on every CREATE made a burst quadratic).
	 */
	default List<ContainerSummary> summaries(String labelKey, String labelValue) {
		return list(labelKey, labelValue).stream().map(ContainerSummary::of).toList();
	}

	/**
	 * Watches container events (start, die, oom, destroy) of containers carrying
	 * {@code labelKey=labelValue}. Events are delivered on a runtime thread; the listener
	 * must not block. Closing the subscription stops watching. If the daemon connection
	 * breaks, {@code onError} is called once and the subscription is dead; callers
	 * re-subscribe.
	 */
	Subscription watch(String labelKey, String labelValue, Consumer<ContainerEvent> listener,
			Consumer<Throwable> onError);

	/** An open event subscription. */
	interface Subscription extends AutoCloseable {

		@Override
		void close();

	}

}
