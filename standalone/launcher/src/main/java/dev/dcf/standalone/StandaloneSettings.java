package dev.dcf.standalone;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Settings of the launcher itself ({@code dcf.standalone.*}, plus {@code dcf.data-dir}
 * which the handler shares). Read before any Spring context exists, from (highest first)
 * {@code --name=value} arguments, system properties and environment variables with
 * relaxed names ({@code DCF_DATA_DIR}, {@code DCF_STANDALONE_KAFKA_PORT}, ...).
 *
 * @param dataDir where the broker, the handler's database and the agent id live
 * @param kafkaPort port of the embedded broker ({@code 0} = a free one)
 * @param registryPort port of the embedded schema registry ({@code 0} = a free one)
 * @param httpPort port of the handler's GUI and API ({@code 0} = a free one)
 * @param buildGeneratorImage build {@code dcf/sample-generator:latest} and
 * {@code dcf/generator:latest} when Docker answers and the image is missing
 * @param home the DCF checkout (for {@code scripts/}); unset = found from the jar's
 * location
 * @param readyTimeout how long to wait for the agent's first heartbeat to reach the
 * handler before "ready" is printed anyway
 * @param kafkaAuth the broker authenticates every client (SASL) and authorizes with ACLs;
 * each job run gets a Kafka user of its own (docs/security.md)
 */
record StandaloneSettings(Path dataDir, int kafkaPort, int registryPort, int httpPort, boolean buildGeneratorImage,
		Path home, Duration readyTimeout, boolean kafkaAuth) {

	static final String PREFIX = "dcf.standalone";

	static final String DATA_DIR = "dcf.data-dir";

	StandaloneSettings {
		requirePort("kafka-port", kafkaPort);
		requirePort("registry-port", registryPort);
		requirePort("http-port", httpPort);
		dataDir = dataDir.toAbsolutePath().normalize();
	}

	private static void requirePort(String name, int port) {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException(PREFIX + "." + name + " must be 0..65535, was " + port);
		}
	}

	/** Binds the settings from the real environment, system properties and arguments. */
	static StandaloneSettings load(String[] args) {
		return load(args, System.getenv());
	}

	static StandaloneSettings load(String[] args, Map<String, String> environment) {
		StandardEnvironment env = new StandardEnvironment();
		MutablePropertySources sources = env.getPropertySources();
		sources.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
				new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						Map.copyOf(environment)));
		sources.addFirst(new SimpleCommandLinePropertySource(args));
		ConfigurationPropertySources.attach(env);
		Binder binder = Binder.get(env);
		Path dataDir = binder.bind(DATA_DIR, Path.class).orElse(Path.of("data"));
		Raw raw = binder.bindOrCreate(PREFIX, Bindable.of(Raw.class));
		return new StandaloneSettings(dataDir, raw.kafkaPort(), raw.registryPort(), raw.httpPort(),
				raw.buildGeneratorImage(), raw.home(), raw.readyTimeout(), raw.kafkaAuth());
	}

	/** The {@code dcf.standalone.*} keys with their defaults. */
	record Raw(@DefaultValue("9092") int kafkaPort, @DefaultValue("8081") int registryPort,
			@DefaultValue("8080") int httpPort, @DefaultValue("true") boolean buildGeneratorImage, Path home,
			@DefaultValue("60s") Duration readyTimeout, @DefaultValue("true") boolean kafkaAuth) {

	}

}
