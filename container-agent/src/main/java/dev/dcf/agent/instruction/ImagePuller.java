package dev.dcf.agent.instruction;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import dev.dcf.agent.config.AgentProperties.PullPolicy;
import dev.dcf.agent.runtime.ContainerRuntime;
import dev.dcf.agent.runtime.ContainerRuntimeException;
import dev.dcf.agent.runtime.ContainerRuntimeException.Kind;
import dev.dcf.agent.runtime.PullBytes;
import dev.dcf.agent.runtime.RegistryCredentials;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.dcf.schemes.image.ImageReference;

/**
 * Makes an image available per pull policy, with the configured login of its registry.
 * Credentials go to the runtime only; they are never logged or reported.
 *
 * <p>
 * A registry that answers with a server error or not in time
 * ({@link Kind#REGISTRY_UNAVAILABLE}) is tried again, up to {@link #ATTEMPTS} attempts
 * with pauses of 2 s, then 4 s, all within the pull timeout; a refusal (not found,
 * unauthorized) fails at once. While the pull runs (pauses included) a
 * {@link PullFollower} tells the handler that the agent is still at it.
 */
final class ImagePuller {

	private static final Logger log = LoggerFactory.getLogger(ImagePuller.class);

	/** Attempts of a pull whose registry is unavailable. */
	static final int ATTEMPTS = 3;

	/** The pause after the first failed attempt; it doubles after each further one. */
	static final Duration FIRST_PAUSE = Duration.ofSeconds(2);

	private final ContainerRuntime runtime;

	private final PullPolicy policy;

	private final Duration timeout;

	private final Function<String, Optional<RegistryCredentials>> credentials;

	private final PullFollower follower;

	private final Clock clock;

	private final Pause pause;

	ImagePuller(ContainerRuntime runtime, PullPolicy policy, Duration timeout,
			Function<String, Optional<RegistryCredentials>> credentials) {
		this(runtime, policy, timeout, credentials, PullFollower.NONE, Clock.systemUTC(), Pause.SLEEP);
	}

	ImagePuller(ContainerRuntime runtime, PullPolicy policy, Duration timeout,
			Function<String, Optional<RegistryCredentials>> credentials, PullFollower follower, Clock clock,
			Pause pause) {
		this.runtime = runtime;
		this.policy = policy;
		this.timeout = timeout;
		this.credentials = credentials;
		this.follower = follower;
		this.clock = clock;
		this.pause = pause;
	}

	/**
	 * Pulls the instruction's image if the policy says so.
	 * @throws ContainerRuntimeException if the image cannot be had
	 */
	void prepare(Instruction instruction) {
		String image = instruction.image();
		if (this.policy == PullPolicy.IF_NOT_PRESENT && this.runtime.imagePresent(image)) {
			return;
		}
		String registry = ImageReference.registryHost(image);
		Optional<RegistryCredentials> login = this.credentials.apply(registry);
		log.info("Pulling {} from {}{}", image, registry, login.isPresent() ? " with configured credentials" : "");
		Instant started = this.clock.instant();
		AtomicReference<PullBytes> bytes = new AtomicReference<>(PullBytes.NONE);
		try (PullFollower.Following following = this.follower.follow(instruction, bytes::get)) {
			pullWithRetries(image, login, started, bytes);
		}
		log.info("Pulled {} in {} ms", image, Duration.between(started, this.clock.instant()).toMillis());
	}

	private void pullWithRetries(String image, Optional<RegistryCredentials> login, Instant started,
			AtomicReference<PullBytes> bytes) {
		Instant deadline = started.plus(this.timeout);
		Duration pause = FIRST_PAUSE;
		for (int attempt = 1;; attempt++) {
			Duration left = Duration.between(this.clock.instant(), deadline);
			try {
				this.runtime.pull(image, login, left, bytes::set);
				return;
			}
			catch (ContainerRuntimeException ex) {
				if (ex.kind() != Kind.REGISTRY_UNAVAILABLE) {
					throw ex;
				}
				Instant now = this.clock.instant();
				if (attempt >= ATTEMPTS || !now.plus(pause).isBefore(deadline)) {
					throw new ContainerRuntimeException(Kind.REGISTRY_UNAVAILABLE,
							ex.getMessage() + " (gave up after " + attempt + ((attempt == 1) ? " attempt" : " attempts")
									+ " in " + Duration.between(started, now).toSeconds() + " s)",
							ex);
				}
				log.warn("Pulling {} failed (attempt {} of {}), trying again in {} s: {}", image, attempt, ATTEMPTS,
						pause.toSeconds(), ex.getMessage());
				sleep(pause, image);
				pause = pause.multipliedBy(2);
			}
		}
	}

	private void sleep(Duration duration, String image) {
		try {
			this.pause.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ContainerRuntimeException(Kind.OTHER, "Interrupted while waiting to pull image " + image, ex);
		}
	}

}
