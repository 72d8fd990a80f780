package dev.dcf.agent.instruction;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import dev.dcf.agent.config.AgentProperties.PullPolicy;
import dev.dcf.agent.runtime.ContainerRuntime;
import dev.dcf.agent.runtime.RegistryCredentials;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes an image available per pull policy, with the configured login of its registry.
 * Credentials go to the runtime only; they are never logged or reported.
 */
final class ImagePuller {

	private static final Logger log = LoggerFactory.getLogger(ImagePuller.class);

	private final ContainerRuntime runtime;

	private final PullPolicy policy;

	private final Duration timeout;

	private final Function<String, Optional<RegistryCredentials>> credentials;

	ImagePuller(ContainerRuntime runtime, PullPolicy policy, Duration timeout,
			Function<String, Optional<RegistryCredentials>> credentials) {
		this.runtime = runtime;
		this.policy = policy;
		this.timeout = timeout;
		this.credentials = credentials;
	}

	/**
	 * Pulls if the policy says so.
	 * @throws dev.dcf.agent.runtime.ContainerRuntimeException if the image cannot be had
	 */
	void prepare(String image) {
		if (this.policy == PullPolicy.IF_NOT_PRESENT && this.runtime.imagePresent(image)) {
			return;
		}
		String registry = ImageReference.registryHost(image);
		Optional<RegistryCredentials> login = this.credentials.apply(registry);
		log.info("Pulling {} from {}{}", image, registry, login.isPresent() ? " with configured credentials" : "");
		long started = System.nanoTime();
		this.runtime.pull(image, login, this.timeout);
		log.info("Pulled {} in {} ms", image, Duration.ofNanos(System.nanoTime() - started).toMillis());
	}

}
