package dev.dcf.generator.engine.quickstart;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.dcf.generator.engine.GeneratorSpec;
import dev.dcf.generator.engine.SpecException;
import dev.dcf.generator.engine.avro.AvroSchemaSpec;

/**
 * The built-in quickstarts (docs/generator.md): Avro schemas with hints, each with its
 * key field. users, orders, pageviews, clickstream and stock_trades keep the structure
 * and hints of Confluent Datagen's quickstarts of those names; payments and
 * sensor_readings are DCF's.
 */
public final class Quickstarts {

	/** Where an unknown name is reported: the variable of the generator contract. */
	public static final String FIELD = "GENERATOR_QUICKSTART";

	private static final Map<String, String> KEY_FIELDS = keyFields();

	private static final Map<String, AvroSchemaSpec> SPECS = new ConcurrentHashMap<>();

	private Quickstarts() {
	}

	private static Map<String, String> keyFields() {
		Map<String, String> keys = new LinkedHashMap<>();
		keys.put("users", "userid");
		keys.put("orders", "orderid");
		keys.put("pageviews", "viewtime");
		keys.put("clickstream", "ip");
		keys.put("stock_trades", "symbol");
		keys.put("payments", "payment_id");
		keys.put("sensor_readings", "deviceId");
		return keys;
	}

	/**
	 * The quickstarts' names, in the documented order.
	 * @return the names
	 */
	public static List<String> names() {
		return List.copyOf(KEY_FIELDS.keySet());
	}

	/**
	 * The key field of a quickstart.
	 * @param name a quickstart
	 * @return the top-level field whose value is the key
	 */
	public static String keyField(String name) {
		check(name);
		return KEY_FIELDS.get(name);
	}

	/**
	 * A quickstart's schema with hints, as text (to show or to start a schema of one's
	 * own from).
	 * @param name a quickstart
	 * @return the schema JSON
	 */
	public static String schemaText(String name) {
		check(name);
		try (InputStream in = Quickstarts.class.getResourceAsStream("/quickstarts/" + name + ".avsc")) {
			if (in == null) {
				throw new IllegalStateException("quickstart resource missing: " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A quickstart's spec, keyed by its key field.
	 * @param name a quickstart
	 * @return the spec (compiled once, shared)
	 * @throws SpecException for an unknown name
	 */
	public static GeneratorSpec spec(String name) {
		check(name);
		return SPECS.computeIfAbsent(name, (n) -> AvroSchemaSpec.parse(schemaText(n), KEY_FIELDS.get(n)));
	}

	private static void check(String name) {
		if (name == null || !KEY_FIELDS.containsKey(name)) {
			throw new SpecException(FIELD,
					"unknown quickstart '" + name + "' (known: " + String.join(", ", KEY_FIELDS.keySet()) + ")");
		}
	}

}
