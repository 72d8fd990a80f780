package dev.dcf.agent.runtime.docker;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link DockerContainerRuntime} reaches its daemon and how long it waits. A null
 * argument takes the default.
 *
 * @param host daemon address, {@code unix:///path} or {@code tcp://host:port}; default
 * {@code unix:///var/run/docker.sock}
 * @param connectTimeout bound of opening a connection; default 5 s
 * @param callTimeout bound of every ordinary API call (inspect, create, start, remove,
 * list, info, setting up an event stream); default 30 s
 * @param pullTimeout bound of a pull when the caller gives none; default 10 min
 * @param stopTimeout grace period of a stop when the caller gives none; default 10 s. A
 * stop call is bounded by its grace period plus {@code callTimeout}.
 * @param apiVersion Docker API version to speak, e.g. {@code 1.41}; null = unversioned
 * paths, i.e. the daemon's own version (docker-java does not negotiate)
 */
public record DockerRuntimeSettings(URI host, Duration connectTimeout, Duration callTimeout, Duration pullTimeout,
		Duration stopTimeout, String apiVersion) {

	public static final URI DEFAULT_HOST = URI.create("unix:///var/run/docker.sock");

	public DockerRuntimeSettings {
		host = (host != null) ? host : DEFAULT_HOST;
		connectTimeout = positive(connectTimeout, Duration.ofSeconds(5), "connectTimeout");
		callTimeout = positive(callTimeout, Duration.ofSeconds(30), "callTimeout");
		pullTimeout = positive(pullTimeout, Duration.ofMinutes(10), "pullTimeout");
		stopTimeout = (stopTimeout != null) ? stopTimeout : Duration.ofSeconds(10);
		if (stopTimeout.isNegative()) {
			throw new IllegalArgumentException("stopTimeout must not be negative: " + stopTimeout);
		}
		if (apiVersion != null && apiVersion.isBlank()) {
			apiVersion = null;
		}
	}

	/** All defaults: local socket, 5 s connect, 30 s calls, 10 min pulls, 10 s stops. */
	public static DockerRuntimeSettings defaults() {
		return new DockerRuntimeSettings(null, null, null, null, null, null);
	}

	public DockerRuntimeSettings withHost(URI host) {
		return new DockerRuntimeSettings(host, this.connectTimeout, this.callTimeout, this.pullTimeout,
				this.stopTimeout, this.apiVersion);
	}

	public DockerRuntimeSettings withCallTimeout(Duration callTimeout) {
		return new DockerRuntimeSettings(this.host, this.connectTimeout, callTimeout, this.pullTimeout,
				this.stopTimeout, this.apiVersion);
	}

	private static Duration positive(Duration value, Duration fallback, String name) {
		Duration result = Objects.requireNonNullElse(value, fallback);
		if (result.isZero() || result.isNegative()) {
			throw new IllegalArgumentException(name + " must be positive: " + result);
		}
		return result;
	}

}
