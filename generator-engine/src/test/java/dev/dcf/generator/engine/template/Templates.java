package dev.dcf.generator.engine.template;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.dcf.generator.engine.GeneratedRecord;
import dev.dcf.generator.engine.GeneratorContext;
import dev.dcf.generator.engine.RecordGenerator;
import dev.dcf.generator.engine.SpecException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Helpers of the template tests: a fixed clock, one container, values by path. */
final class Templates {

	static final Instant NOW = Instant.parse("2026-12-06T09:30:00.123Z");

	static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	private Templates() {
	}

	static RecordGenerator generator(String json) {
		return TemplateSpec.parse(json, CLOCK).generator(new GeneratorContext(42, 0, 1));
	}

	static List<GeneratedRecord> records(String json, int n) {
		RecordGenerator generator = generator(json);
		List<GeneratedRecord> records = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			records.add(generator.next());
		}
		return records;
	}

	/** The values of {@code {"v": <expression>}} over n records. */
	static List<Object> values(String expression, int n) {
		return records("{\"v\": \"" + expression.replace("\"", "\\\"") + "\"}", n).stream()
			.<Object>map((r) -> ((Map<?, ?>) r.value()).get("v"))
			.toList();
	}

	static Object value(String expression) {
		return values(expression, 1).get(0);
	}

	/**
	 * Asserts that {@code {"v": <expression>}} is refused, naming $.v and the message
	 * part.
	 */
	static void refused(String expression, String... messageParts) {
		assertThatThrownBy(() -> TemplateSpec.parse("{\"v\": \"" + expression.replace("\"", "\\\"") + "\"}"))
			.isInstanceOfSatisfying(SpecException.class, (ex) -> {
				assertThat(ex.field()).isEqualTo("$.v");
				assertThat(ex.getMessage()).contains(messageParts);
			});
	}

}
