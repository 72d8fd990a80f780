package dev.dcf.generator.app;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

import org.apache.kafka.clients.producer.ProducerConfig;

import dev.dcf.schemes.registry.RegistryClientConfig;

/**
 * The generator's settings from its environment (the generator contract, see
 * docs/generator.md, "The image"), except what to generate, which {@link SpecSource}
 * reads. Parsing is pure: the environment and the fallback seed are parameters.
 *
 * @param bootstrapServers {@code KAFKA_BOOTSTRAP_SERVERS}
 * @param topic {@code KAFKA_TOPIC}
 * @param format {@code FORMAT}, null when not set (the spec's default applies)
 * @param rate {@code RATE} in records per second, {@link Double#POSITIVE_INFINITY} for
 * {@code unlimited}
 * @param maxRecords {@code MAX_RECORDS} of this container, empty = until stopped
 * @param seed {@code SEED}, else derived from {@code DCF_JOB_ID} (the same for every
 * container of the job), else from the time
 * @param jobId {@code DCF_JOB_ID}, empty outside DCF
 * @param containerIndex {@code DCF_CONTAINER_INDEX} (default 0)
 * @param containerCount {@code DCF_CONTAINER_COUNT} (default 1)
 * @param registryUrl {@code SCHEMA_REGISTRY_URL}, null when not set, with the credentials
 * of {@code SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO} ({@code user:password}, the run's own
 * when DCF's registry authorizes writes) as its user info
 * @param producerOverrides producer settings from {@code KAFKA_PRODUCER_*} variables
 * ({@code KAFKA_PRODUCER_LINGER_MS=0} is {@code linger.ms=0})
 * @param clientSecurity how to authenticate to Kafka: {@code security.protocol},
 * {@code sasl.mechanism}, {@code sasl.jaas.config} from {@code KAFKA_SECURITY_PROTOCOL},
 * {@code KAFKA_SASL_MECHANISM}, {@code KAFKA_SASL_JAAS_CONFIG} (the run's credentials
 * when DCF's broker authenticates); empty when not set
 */
record AppConfig(String bootstrapServers, String topic, Format format, double rate, OptionalLong maxRecords, long seed,
		String jobId, int containerIndex, int containerCount, String registryUrl, Map<String, String> producerOverrides,
		Map<String, String> clientSecurity) {

	static final double DEFAULT_RATE = 10;

	static final String UNLIMITED = "unlimited";

	static final String PRODUCER_PREFIX = "KAFKA_PRODUCER_";

	private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

	private static final Pattern BOOTSTRAP_ENTRY = Pattern.compile("[^\\s,:]+:\\d{1,5}");

	/** Settings the generator owns: overriding them would break its records. */
	private static final List<String> FIXED = List.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
			ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);

	/**
	 * @param env the environment
	 * @param timeSeed the seed when neither {@code SEED} nor {@code DCF_JOB_ID} is set
	 * @return the settings
	 * @throws InvalidConfigException listing every missing or invalid variable
	 */
	static AppConfig fromEnvironment(Map<String, String> env, LongSupplier timeSeed) {
		List<String> problems = new ArrayList<>();
		String bootstrap = trimmed(env.get("KAFKA_BOOTSTRAP_SERVERS"));
		if (bootstrap == null) {
			problems.add("KAFKA_BOOTSTRAP_SERVERS is required (host:port of the Kafka brokers)");
		}
		else if (!validBootstrap(bootstrap)) {
			problems.add("KAFKA_BOOTSTRAP_SERVERS must be host:port[,host:port...], got '" + bootstrap + "'");
		}
		String topic = trimmed(env.get("KAFKA_TOPIC"));
		if (topic == null) {
			problems.add("KAFKA_TOPIC is required (the topic to write to)");
		}
		else if (!TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
			problems
				.add("KAFKA_TOPIC '" + topic + "' is not a legal Kafka topic name (letters, digits, '.', '_', '-')");
		}
		Format format = parseFormat(env.get("FORMAT"), problems);
		double rate = parseRate(env.get("RATE"), problems);
		long maxRecords = parseLong(env, "MAX_RECORDS", 0, 1, Long.MAX_VALUE, problems);
		int count = (int) parseLong(env, "DCF_CONTAINER_COUNT", 1, 1, Integer.MAX_VALUE, problems);
		int index = (int) parseLong(env, "DCF_CONTAINER_INDEX", 0, 0, Integer.MAX_VALUE, problems);
		if (index >= count) {
			problems.add("DCF_CONTAINER_INDEX must be below DCF_CONTAINER_COUNT (" + count + "), got " + index);
		}
		String jobId = trimmed(env.get("DCF_JOB_ID"));
		long seed = parseSeed(env.get("SEED"), jobId, timeSeed, problems);
		String registryUrl = withCredentials(trimmed(env.get("SCHEMA_REGISTRY_URL")),
				trimmed(env.get("SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO")), problems);
		Map<String, String> overrides = producerOverrides(env, problems);
		Map<String, String> security = ClientSecurity.fromEnvironment(env, problems);
		if (!problems.isEmpty()) {
			throw new InvalidConfigException(problems);
		}
		return new AppConfig(bootstrap, topic, format, rate,
				(maxRecords > 0) ? OptionalLong.of(maxRecords) : OptionalLong.empty(), seed,
				(jobId != null) ? jobId : "", index, count, registryUrl, overrides, security);
	}

	boolean unlimited() {
		return Double.isInfinite(this.rate);
	}

	/**
	 * The job's seed from its id: every container of a job and every restart of it gets
	 * the same one (the engine derives each container's own seed from it).
	 */
	static long jobSeed(String jobId) {
		return UUID.nameUUIDFromBytes(jobId.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits();
	}

	private static Map<String, String> producerOverrides(Map<String, String> env, List<String> problems) {
		Map<String, String> overrides = new TreeMap<>();
		for (Map.Entry<String, String> entry : env.entrySet()) {
			if (!entry.getKey().startsWith(PRODUCER_PREFIX)) {
				continue;
			}
			String name = entry.getKey().substring(PRODUCER_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
			if (!ProducerConfig.configNames().contains(name)) {
				problems.add(entry.getKey() + " names no Kafka producer setting ('" + name + "')");
			}
			else if (FIXED.contains(name)) {
				problems.add(entry.getKey() + " cannot be overridden: the generator sets " + name);
			}
			else {
				overrides.put(name, entry.getValue().trim());
			}
		}
		return overrides;
	}

	private static Format parseFormat(String value, List<String> problems) {
		String format = trimmed(value);
		if (format == null) {
			return null;
		}
		try {
			return Format.parse(format);
		}
		catch (IllegalArgumentException ex) {
			problems.add("FORMAT must be json, avro or string, got '" + format + "'");
			return null;
		}
	}

	private static long parseSeed(String value, String jobId, LongSupplier timeSeed, List<String> problems) {
		String seed = trimmed(value);
		if (seed != null) {
			try {
				return Long.parseLong(seed);
			}
			catch (NumberFormatException ex) {
				problems.add("SEED must be a whole number (64 bit), got '" + seed + "'");
				return 0;
			}
		}
		return (jobId != null) ? jobSeed(jobId) : timeSeed.getAsLong();
	}

	private static double parseRate(String value, List<String> problems) {
		String rate = trimmed(value);
		if (rate == null) {
			return DEFAULT_RATE;
		}
		if (rate.equalsIgnoreCase(UNLIMITED)) {
			return Double.POSITIVE_INFINITY;
		}
		try {
			double parsed = Double.parseDouble(rate);
			if (parsed > 0 && Double.isFinite(parsed)) {
				return parsed;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		problems.add("RATE must be a positive number of records per second (fractions allowed) or 'unlimited', got '"
				+ rate + "'");
		return DEFAULT_RATE;
	}

	private static long parseLong(Map<String, String> env, String name, long defaultValue, long min, long max,
			List<String> problems) {
		String value = trimmed(env.get(name));
		if (value == null) {
			return defaultValue;
		}
		try {
			long parsed = Long.parseLong(value);
			if (parsed >= min && parsed <= max) {
				return parsed;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		problems.add(name + " must be a whole number from " + min + " to " + max + ", got '" + value + "'");
		return defaultValue;
	}

	private static boolean validBootstrap(String bootstrap) {
		for (String entry : bootstrap.split(",")) {
			if (!BOOTSTRAP_ENTRY.matcher(entry.trim()).matches()) {
				return false;
			}
		}
		return true;
	}

	/** Without credentials: the registry's base URL only, no client security. */
	@Override
	public String toString() {
		return "AppConfig[bootstrapServers=" + this.bootstrapServers + ", topic=" + this.topic + ", format="
				+ this.format + ", rate=" + this.rate + ", registry="
				+ ((this.registryUrl != null) ? RegistryClientConfig.of(this.registryUrl).baseUrl() : null) + "]";
	}

	private static String withCredentials(String registryUrl, String userInfo, List<String> problems) {
		if (registryUrl == null || userInfo == null) {
			return registryUrl;
		}
		try {
			return RegistryClientConfig.of(registryUrl).withUserInfo(userInfo).url();
		}
		catch (IllegalArgumentException ex) {
			// the message names no credentials
			problems.add("SCHEMA_REGISTRY_URL / SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO: " + ex.getMessage());
			return null;
		}
	}

	private static String trimmed(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
