package dev.dcf.generator.engine.template;

import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedSet;

import dev.dcf.generator.engine.GeneratedRecord;
import dev.dcf.generator.engine.GeneratorContext;
import dev.dcf.generator.engine.GeneratorSpec;
import dev.dcf.generator.engine.RecordGenerator;
import dev.dcf.generator.engine.SpecException;

/**
 * A JSON template (the generator contract's {@code GENERATOR_TEMPLATE}, see
 * docs/generator.md), parsed and checked once into a tree of nodes that each container's
 * generator evaluates per record without parsing anything again. Values are JSON-like
 * ({@code Map}, {@code List}, {@code String}, {@code Long}, {@code Double},
 * {@code BigDecimal}, {@code Boolean}, {@code null}).
 */
public final class TemplateSpec implements GeneratorSpec {

	/** The variable a template comes from, named by errors about the text as a whole. */
	public static final String FIELD = "GENERATOR_TEMPLATE";

	private final Node value;

	private final Node key;

	private final String[] headerNames;

	private final Node[] headers;

	private final int slots;

	private final int pools;

	private final Clock clock;

	private TemplateSpec(TemplateCompiler.Compiled compiled, Clock clock) {
		this.value = compiled.value();
		this.key = compiled.key();
		this.headerNames = compiled.headerNames();
		this.headers = compiled.headers();
		this.slots = compiled.slots();
		this.pools = compiled.pools();
		this.clock = clock;
	}

	/**
	 * A template whose timestamps follow the system clock.
	 * @param json the template
	 * @return the spec
	 * @throws SpecException if the text is not JSON (with line and column), or an
	 * expression is unknown or has wrong parameters (with its JSON path)
	 */
	public static TemplateSpec parse(String json) {
		return parse(json, Clock.systemUTC());
	}

	/**
	 * @param json the template
	 * @param clock the clock of {@code now} in timestamps (read once per record)
	 * @return the spec, which has generated one record to be sure it can
	 * @throws SpecException if the text is not JSON (with line and column), or an
	 * expression is unknown or has wrong parameters (with its JSON path)
	 */
	public static TemplateSpec parse(String json, Clock clock) {
		TemplateSpec spec = new TemplateSpec(TemplateCompiler.compile(json), clock);
		spec.generator(new GeneratorContext(0, 0, 1)).next();
		return spec;
	}

	/**
	 * The names of all expressions, for help and completion in editors.
	 * @return the names, sorted
	 */
	public static SortedSet<String> expressionNames() {
		return Collections.unmodifiableSortedSet(Expressions.names());
	}

	@Override
	public RecordGenerator generator(GeneratorContext context) {
		Frame frame = new Frame(context.containerSeed(), this.clock, this.slots, this.pools);
		return new RecordGenerator() {

			private long n;

			@Override
			public GeneratedRecord next() {
				long sequence = context.sequence(this.n++);
				frame.startRecord(sequence);
				Object value = (TemplateSpec.this.value != null) ? TemplateSpec.this.value.eval(frame) : null;
				Object key = (TemplateSpec.this.key != null) ? TemplateSpec.this.key.eval(frame) : null;
				Map<String, String> headers = Map.of();
				if (TemplateSpec.this.headers.length > 0) {
					headers = new LinkedHashMap<>();
					for (int i = 0; i < TemplateSpec.this.headers.length; i++) {
						headers.put(TemplateSpec.this.headerNames[i],
								Expressions.text(TemplateSpec.this.headers[i].eval(frame)));
					}
				}
				return new GeneratedRecord(sequence, key, value, headers);
			}

		};
	}

}
