package dev.dcf.agent.runtime.docker;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.exception.DockerException;

import dev.dcf.agent.runtime.ContainerRuntimeException;
import dev.dcf.agent.runtime.ContainerRuntimeException.Kind;

/**
 * Turns what docker-java throws into {@link ContainerRuntimeException}s with messages a
 * user can act on. Cases that depend on the call (404 of an image, 304 of a stop) are
 * decided by the caller before anything reaches here.
 */
final class DockerFailures {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final Pattern REGISTRY_TROUBLE = Pattern.compile("(?i)(http status:? 5\\d\\d"
			+ "|\\b5\\d\\d (internal server error|bad gateway|service unavailable|gateway timeout)"
			+ "|timeout|timed out|deadline exceeded)");

	private final URI host;

	DockerFailures(URI host) {
		this.host = host;
	}

	/**
	 * @param what the call in words, e.g. {@code "create container dcf-1-0"}
	 * @param failure what the call threw
	 */
	ContainerRuntimeException translate(String what, Throwable failure) {
		if (failure instanceof ContainerRuntimeException known) {
			return known;
		}
		if (failure instanceof DockerException docker) {
			String message = daemonMessage(docker);
			return switch (docker.getHttpStatus()) {
				case 400, 409 -> new ContainerRuntimeException(Kind.REJECTED,
						"Docker daemon rejected " + what + ": " + message, failure);
				case 401 -> new ContainerRuntimeException(Kind.UNAUTHORIZED,
						"Docker daemon refused " + what + " as unauthorized: " + message, failure);
				case 404 -> new ContainerRuntimeException(Kind.REJECTED,
						"Docker daemon could not " + what + ": " + message, failure);
				default -> new ContainerRuntimeException(Kind.OTHER, "Docker daemon failed to " + what + ": " + message,
						failure);
			};
		}
		Throwable io = firstIoCause(failure);
		if (io instanceof SocketTimeoutException || (io instanceof InterruptedIOException && !isConnectTimeout(io))) {
			return new ContainerRuntimeException(Kind.TIMEOUT,
					"Docker daemon at " + this.host + " did not answer " + what + " in time: " + describe(io), failure);
		}
		if (io != null) {
			return unreachable(failure);
		}
		return new ContainerRuntimeException(Kind.OTHER, "Could not " + what + ": " + describe(failure), failure);
	}

	/** The call did not finish within its bound. */
	ContainerRuntimeException timeout(String what, Duration bound) {
		return new ContainerRuntimeException(Kind.TIMEOUT,
				"Docker daemon at " + this.host + " did not answer " + what + " within " + bound.toMillis() + " ms");
	}

	/** The image could not be found or pulled. */
	ContainerRuntimeException imageNotFound(String image, Throwable failure) {
		return pullFailed(image, failure, true);
	}

	/**
	 * The image could not be pulled.
	 * @param withLogin whether the pull carried a configured registry login: a registry
	 * that asks for one when none was sent did not refuse credentials, it wants some
	 */
	ContainerRuntimeException pullFailed(String image, Throwable failure, boolean withLogin) {
		String reason = (failure instanceof DockerException docker) ? daemonMessage(docker) : describe(failure);
		if (isAuthFailure(failure, reason)) {
			String what = withLogin ? "registry refused the credentials for image " + image
					: "registry requires a login for image " + image
							+ " and this agent has none for its host (dcf.agent.registries)";
			return new ContainerRuntimeException(Kind.UNAUTHORIZED, what + ": " + reason, failure);
		}
		if (isRegistryTrouble(reason)) {
			return new ContainerRuntimeException(Kind.REGISTRY_UNAVAILABLE,
					"registry failed to serve image " + image + ": " + reason, failure);
		}
		return new ContainerRuntimeException(Kind.IMAGE_NOT_FOUND,
				"image " + image + " not found locally and could not be pulled: " + reason, failure);
	}

	/**
	 * Whether the daemon's words say the registry answered with a server error (5xx) or
	 * not in time, as opposed to refusing the pull (4xx: not found, unauthorized), which
	 * trying again would not change. A registry nobody listens for (connection refused)
	 * is not trouble that passes but a wrong address: not found, at once. The daemon
	 * forwards what its Go HTTP client said, e.g.
	 * {@code received unexpected HTTP status: 503 Service Unavailable},
	 * {@code net/http: request canceled while waiting for connection (Client.Timeout
	 * exceeded while awaiting headers)}, {@code dial tcp 10.0.0.9:5000: i/o timeout}.
	 */
	static boolean isRegistryTrouble(String reason) {
		return reason != null && REGISTRY_TROUBLE.matcher(reason).find();
	}

	ContainerRuntimeException unreachable(Throwable failure) {
		return new ContainerRuntimeException(Kind.DAEMON_UNAVAILABLE,
				"Docker daemon not reachable at " + this.host + ": " + describe(rootCause(failure)), failure);
	}

	/** The daemon's own words: the {@code message} of its JSON error body. */
	static String daemonMessage(DockerException failure) {
		String text = String.valueOf(failure.getMessage());
		String prefix = "Status " + failure.getHttpStatus() + ": ";
		String body = (text.startsWith(prefix) ? text.substring(prefix.length()) : text).trim();
		try {
			JsonNode node = JSON.readTree(body);
			if (node != null && node.hasNonNull("message")) {
				return node.get("message").asText();
			}
		}
		catch (IOException | RuntimeException ex) {
			// not JSON: the body is the message
		}
		return body.isEmpty() ? "HTTP " + failure.getHttpStatus() : body;
	}

	private static boolean isAuthFailure(Throwable failure, String reason) {
		if (failure instanceof DockerException docker && docker.getHttpStatus() == 401) {
			return true;
		}
		String lower = (reason != null) ? reason.toLowerCase(Locale.ROOT) : "";
		// "no basic auth credentials": the registry asked for a login and
		// the pull had none
		return lower.contains("unauthorized") || lower.contains("authentication required")
				|| lower.contains("incorrect username or password") || lower.contains("no basic auth credentials");
	}

	private static boolean isConnectTimeout(Throwable io) {
		return io.getClass().getSimpleName().equals("ConnectTimeoutException");
	}

	private static Throwable firstIoCause(Throwable failure) {
		for (Throwable t = failure; t != null; t = (t.getCause() != t) ? t.getCause() : null) {
			if (t instanceof IOException) {
				return t;
			}
		}
		return null;
	}

	private static Throwable rootCause(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root;
	}

	private static String describe(Throwable failure) {
		String message = failure.getMessage();
		return (message == null || message.isBlank()) ? failure.getClass().getSimpleName() : message;
	}

}
