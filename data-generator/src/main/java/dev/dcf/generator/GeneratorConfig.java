package dev.dcf.generator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * Settings of the sample generator, read from its environment (the DCF generator
 * contract, see {@code docs/writing-a-generator.md}). Parsing is pure: the environment
 * and the fallback seed source are parameters.
 *
 * @param bootstrapServers Kafka bootstrap servers ({@code host:port[,host:port...]})
 * @param topic the topic to write to
 * @param rate records per second
 * @param seed seed of the reading generator: the same seed produces the same readings
 * @param devices number of simulated devices (record keys)
 * @param maxRecords stop after this many records; empty = run until stopped
 * @param containerIndex {@code DCF_CONTAINER_INDEX}, 0 outside DCF; part of the device
 * ids so the containers of one job write distinct devices
 * @param jobId {@code DCF_JOB_ID}, empty outside DCF
 * @param clientSecurity {@code security.protocol}, {@code sasl.mechanism},
 * {@code sasl.jaas.config} from {@code KAFKA_SECURITY_PROTOCOL},
 * {@code KAFKA_SASL_MECHANISM}, {@code KAFKA_SASL_JAAS_CONFIG} (the run's credentials
 * when DCF's broker authenticates); empty when not set
 */
record GeneratorConfig(String bootstrapServers, String topic, double rate, long seed, int devices,
		OptionalLong maxRecords, int containerIndex, String jobId, Map<String, String> clientSecurity) {

	static final double DEFAULT_RATE = 10;

	static final double MAX_RATE = 100_000;

	static final int DEFAULT_DEVICES = 5;

	static final int MAX_DEVICES = 100_000;

	private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

	private static final Pattern BOOTSTRAP_ENTRY = Pattern.compile("[^\\s,:]+:\\d{1,5}");

	/**
	 * Reads the configuration from environment variables.
	 * @param env the environment (usually {@code System.getenv()})
	 * @param timeSeed seed used when neither {@code SEED} nor {@code DCF_JOB_ID} is set
	 * @return the configuration
	 * @throws InvalidConfigException listing every missing or invalid variable
	 */
	static GeneratorConfig fromEnvironment(Map<String, String> env, LongSupplier timeSeed) {
		List<String> problems = new ArrayList<>();
		String bootstrap = firstNonBlank(env, "KAFKA_BOOTSTRAP_SERVERS", "KAFKA_BOOTSTRAP_SERVERS_DOCKER");
		if (bootstrap == null) {
			problems.add("KAFKA_BOOTSTRAP_SERVERS is required (host:port of the Kafka brokers; "
					+ "KAFKA_BOOTSTRAP_SERVERS_DOCKER is accepted as a fallback)");
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
		double rate = parseRate(env.get("RATE"), problems);
		int devices = (int) parseLong(env, "DEVICES", DEFAULT_DEVICES, 1, MAX_DEVICES, problems);
		long maxRecords = parseLong(env, "MAX_RECORDS", 0, 1, Long.MAX_VALUE, problems);
		int containerIndex = (int) parseLong(env, "DCF_CONTAINER_INDEX", 0, 0, Integer.MAX_VALUE, problems);
		String jobId = trimmed(env.get("DCF_JOB_ID"));
		long seed = parseSeed(env.get("SEED"), jobId, containerIndex, timeSeed, problems);
		Map<String, String> security = ClientSecurity.fromEnvironment(env, problems);
		if (!problems.isEmpty()) {
			throw new InvalidConfigException(problems);
		}
		return new GeneratorConfig(bootstrap, topic, rate, seed, devices,
				(maxRecords > 0) ? OptionalLong.of(maxRecords) : OptionalLong.empty(), containerIndex,
				(jobId != null) ? jobId : "", security);
	}

	/**
	 * Seed derived from the job and the container index, so a restarted container of a
	 * job writes the same data and two containers of one job write different data.
	 */
	static long derivedSeed(String jobId, int containerIndex) {
		byte[] name = (jobId + "/" + containerIndex).getBytes(StandardCharsets.UTF_8);
		return UUID.nameUUIDFromBytes(name).getMostSignificantBits();
	}

	private static long parseSeed(String value, String jobId, int containerIndex, LongSupplier timeSeed,
			List<String> problems) {
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
		return (jobId != null) ? derivedSeed(jobId, containerIndex) : timeSeed.getAsLong();
	}

	private static double parseRate(String value, List<String> problems) {
		String rate = trimmed(value);
		if (rate == null) {
			return DEFAULT_RATE;
		}
		try {
			double parsed = Double.parseDouble(rate);
			if (parsed > 0 && parsed <= MAX_RATE) {
				return parsed;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		problems.add("RATE must be a number of records per second in (0, " + (long) MAX_RATE + "], got '" + rate + "'");
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

	private static String firstNonBlank(Map<String, String> env, String... names) {
		for (String name : names) {
			String value = trimmed(env.get(name));
			if (value != null) {
				return value;
			}
		}
		return null;
	}

	private static String trimmed(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
