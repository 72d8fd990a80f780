package dev.dcf.schemes.serde;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.dcf.schemes.registry.HttpSchemaRegistryClient;
import dev.dcf.schemes.registry.RegistryClientConfig;
import dev.dcf.schemes.registry.SchemaRegistryClient;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;

/**
 * Kafka client properties read by {@link AvroSerializer} and {@link AvroDeserializer}
 * when Kafka creates them from configuration.
 */
public final class AvroSerdeConfig {

	/** Schema registry base URL. */
	public static final String REGISTRY_URL = "dcf.schema.registry.url";

	/** Confluent's name for the URL, accepted as a fallback. */
	public static final String CONFLUENT_REGISTRY_URL = "schema.registry.url";

	/** Serializer: register schemas ({@code true}, default) or only look them up. */
	public static final String AUTO_REGISTER = "dcf.schema.registry.auto-register";

	/**
	 * Connect timeout: a {@code Duration}, ISO-8601 ({@code PT5S}),
	 * {@code 5s}/{@code 500ms}, or millis.
	 */
	public static final String CONNECT_TIMEOUT = "dcf.schema.registry.connect-timeout";

	/** Request timeout, same formats as {@link #CONNECT_TIMEOUT}. */
	public static final String REQUEST_TIMEOUT = "dcf.schema.registry.request-timeout";

	/** Deserializer of values: fully qualified generated class (or the {@code Class}). */
	public static final String VALUE_TYPE = "dcf.avro.value.type";

	/** Deserializer of keys: fully qualified generated class (or the {@code Class}). */
	public static final String KEY_TYPE = "dcf.avro.key.type";

	/**
	 * One client per configuration, so producers and consumers of a JVM share its caches.
	 */
	private static final Map<RegistryClientConfig, SchemaRegistryClient> CLIENTS = new ConcurrentHashMap<>();

	private AvroSerdeConfig() {
	}

	static SchemaRegistryClient registryClient(Map<String, ?> configs) {
		Object url = configs.get(REGISTRY_URL);
		if (url == null) {
			url = configs.get(CONFLUENT_REGISTRY_URL);
		}
		if (url == null || url.toString().isBlank()) {
			throw new ConfigException(REGISTRY_URL + " (or " + CONFLUENT_REGISTRY_URL + ") is required");
		}
		RegistryClientConfig config;
		try {
			config = new RegistryClientConfig(url.toString(),
					duration(configs, CONNECT_TIMEOUT, RegistryClientConfig.DEFAULT_CONNECT_TIMEOUT),
					duration(configs, REQUEST_TIMEOUT, RegistryClientConfig.DEFAULT_REQUEST_TIMEOUT));
		}
		catch (IllegalArgumentException ex) {
			throw new ConfigException(REGISTRY_URL + ": " + ex.getMessage());
		}
		return CLIENTS.computeIfAbsent(config, HttpSchemaRegistryClient::new);
	}

	static boolean autoRegister(Map<String, ?> configs, boolean fallback) {
		Object value = configs.get(AUTO_REGISTER);
		if (value == null) {
			return fallback;
		}
		String text = value.toString().strip().toLowerCase(Locale.ROOT);
		if (!text.equals("true") && !text.equals("false")) {
			throw new ConfigException(AUTO_REGISTER, value, "expected true or false");
		}
		return Boolean.parseBoolean(text);
	}

	@SuppressWarnings("unchecked")
	static <T extends SpecificRecord> Class<T> recordType(Map<String, ?> configs, boolean isKey) {
		String key = isKey ? KEY_TYPE : VALUE_TYPE;
		Object value = configs.get(key);
		if (value == null) {
			throw new ConfigException(
					key + " is required: the generated Avro class to read, e.g. " + "dev.dcf.schemes.avro.JobStatus");
		}
		Class<?> type;
		if (value instanceof Class<?> given) {
			type = given;
		}
		else {
			type = load(key, value.toString().strip());
		}
		if (!SpecificRecord.class.isAssignableFrom(type)) {
			throw new ConfigException(key, value, "not a generated Avro class (SpecificRecord)");
		}
		return (Class<T>) type;
	}

	private static Class<?> load(String key, String name) {
		ClassLoader context = Thread.currentThread().getContextClassLoader();
		try {
			return Class.forName(name, true, (context != null) ? context : AvroSerdeConfig.class.getClassLoader());
		}
		catch (ClassNotFoundException ex) {
			throw new ConfigException(key, name, "class not found");
		}
	}

	static Duration duration(Map<String, ?> configs, String key, Duration fallback) {
		Object value = configs.get(key);
		if (value == null) {
			return fallback;
		}
		if (value instanceof Duration duration) {
			return duration;
		}
		if (value instanceof Number millis) {
			return Duration.ofMillis(millis.longValue());
		}
		String text = value.toString().strip().toLowerCase(Locale.ROOT);
		try {
			if (text.startsWith("pt") || text.startsWith("p")) {
				return Duration.parse(text.toUpperCase(Locale.ROOT));
			}
			if (text.endsWith("ms")) {
				return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2).strip()));
			}
			if (text.endsWith("s")) {
				return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1).strip()));
			}
			return Duration.ofMillis(Long.parseLong(text));
		}
		catch (NumberFormatException | DateTimeParseException ex) {
			throw new ConfigException(key, value, "expected a duration such as PT5S, 5s, 500ms or millis");
		}
	}

}
