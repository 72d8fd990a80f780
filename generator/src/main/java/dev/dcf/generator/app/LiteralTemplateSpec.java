package dev.dcf.generator.app;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dcf.generator.engine.GeneratedRecord;
import dev.dcf.generator.engine.GeneratorContext;
import dev.dcf.generator.engine.GeneratorSpec;
import dev.dcf.generator.engine.RecordGenerator;
import dev.dcf.generator.engine.SpecException;

/**
 * A stand-in for the engine's templates until they are wired in {@link BuiltInSpecs}: the
 * template's JSON as it is, in every record (no expressions).
 */
final class LiteralTemplateSpec implements GeneratorSpec {

	private static final ObjectMapper MAPPER = new ObjectMapper();

	private final Object value;

	private LiteralTemplateSpec(Object value) {
		this.value = value;
	}

	static LiteralTemplateSpec parse(String json) {
		try {
			return new LiteralTemplateSpec(MAPPER.readValue(json, Object.class));
		}
		catch (JsonProcessingException ex) {
			int line = (ex.getLocation() != null) ? ex.getLocation().getLineNr() : 0;
			int column = (ex.getLocation() != null) ? ex.getLocation().getColumnNr() : 0;
			throw new SpecException(BuiltInSpecs.TEMPLATE, Math.max(line, 0), Math.max(column, 0),
					"the template is not JSON: " + ex.getOriginalMessage());
		}
	}

	@Override
	public RecordGenerator generator(GeneratorContext context) {
		return new RecordGenerator() {

			private long n;

			@Override
			public GeneratedRecord next() {
				return new GeneratedRecord(context.sequence(this.n++), null, LiteralTemplateSpec.this.value, Map.of());
			}

		};
	}

}
