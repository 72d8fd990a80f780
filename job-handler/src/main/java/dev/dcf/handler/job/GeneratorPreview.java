package dev.dcf.handler.job;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.dcf.generator.engine.GeneratedRecord;
import dev.dcf.generator.engine.GeneratorContext;
import dev.dcf.generator.engine.RecordGenerator;
import dev.dcf.generator.engine.SpecException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;

import org.springframework.stereotype.Component;

/**
 * Renders a few records of a built-in generator server-side, with the engine the
 * {@code dcf/generator} image runs, so the form and the API can show what a job would
 * write before it is stored. Stateless and thread-safe.
 */
@Component
public class GeneratorPreview {

	/** Records a preview shows. */
	public static final int RECORDS = 5;

	private final Clock clock;

	GeneratorPreview(Clock clock) {
		this.clock = clock;
	}

	/**
	 * The first records of container 0 of 1, seeded like the image: by the env's
	 * {@code SEED} if set, else 0.
	 * @param generator the generator
	 * @param env the job's own env, may be {@code null}
	 * @return {@value #RECORDS} records
	 * @throws InvalidJobRequestException with field errors on {@code generator.*} if the
	 * generator cannot be used
	 */
	public List<PreviewRecord> preview(GeneratorRequest generator, Map<String, String> env) {
		List<FieldViolation> violations = new ArrayList<>();
		if (generator == null) {
			violations.add(new FieldViolation("generator", "is required for a preview"));
		}
		else {
			GeneratorChecks.check(generator, env, this.clock,
					(field, message) -> violations.add(new FieldViolation(field, message)));
		}
		if (!violations.isEmpty()) {
			throw new InvalidJobRequestException(violations);
		}
		try {
			RecordGenerator records = GeneratorChecks.spec(generator, this.clock)
				.generator(new GeneratorContext(seed(env), 0, 1));
			List<PreviewRecord> preview = new ArrayList<>();
			for (int i = 0; i < RECORDS; i++) {
				GeneratedRecord next = records.next();
				preview.add(new PreviewRecord(tree(next.key()), tree(next.value()), new TreeMap<>(next.headers())));
			}
			return preview;
		}
		catch (SpecException ex) {
			throw new InvalidJobRequestException(List
				.of(new FieldViolation("generator." + generator.normalizedKind(), GeneratorChecks.message(ex))));
		}
	}

	static long seed(Map<String, String> env) {
		String seed = (env != null) ? env.get("SEED") : null;
		if (seed == null || seed.isBlank()) {
			return 0;
		}
		// the checks refused a SEED that is not a whole number
		return Long.parseLong(seed.strip());
	}

	/**
	 * A generated key or value as a JSON tree: Avro records, enums, fixed and bytes
	 * become maps, strings and base64.
	 */
	static Object tree(Object value) {
		if (value instanceof GenericRecord record) {
			Map<String, Object> map = new LinkedHashMap<>();
			for (Schema.Field field : record.getSchema().getFields()) {
				map.put(field.name(), tree(record.get(field.pos())));
			}
			return map;
		}
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> copy = new LinkedHashMap<>();
			map.forEach((k, v) -> copy.put(String.valueOf(k), tree(v)));
			return copy;
		}
		if (value instanceof List<?> list) {
			return list.stream().map(GeneratorPreview::tree).toList();
		}
		if (value instanceof ByteBuffer bytes) {
			ByteBuffer copy = bytes.duplicate();
			byte[] array = new byte[copy.remaining()];
			copy.get(array);
			return Base64.getEncoder().encodeToString(array);
		}
		if (value instanceof GenericFixed fixed) {
			return Base64.getEncoder().encodeToString(fixed.bytes());
		}
		if (value instanceof byte[] array) {
			return new String(array, StandardCharsets.UTF_8);
		}
		if (value instanceof CharSequence
				|| (value != null && !(value instanceof Number) && !(value instanceof Boolean))) {
			return value.toString();
		}
		return value;
	}

}
