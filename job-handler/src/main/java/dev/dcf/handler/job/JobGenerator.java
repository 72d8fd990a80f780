package dev.dcf.handler.job;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * How a job's built-in generator is stored: the columns of {@link GeneratorRequest}
 * (migration V10). All {@code null}: the job runs its own image.
 */
@Embeddable
class JobGenerator {

	/** Longest template or schema (characters); the validator keeps requests below. */
	static final int MAX_TEXT = 65536;

	@Column(name = "generator_kind", length = 16)
	private String kind;

	@Column(name = "generator_quickstart", length = 64)
	private String quickstart;

	@Column(name = "generator_template", length = MAX_TEXT)
	private String template;

	@Column(name = "generator_schema", length = MAX_TEXT)
	private String schema;

	@Column(name = "generator_key_field", length = 255)
	private String keyField;

	@Column(name = "generator_format", length = 16)
	private String format;

	@Column(name = "generator_profile", length = 1000)
	private String profile;

	protected JobGenerator() {
		// for JPA
	}

	JobGenerator(GeneratorRequest request) {
		this.kind = request.normalizedKind();
		this.quickstart = blankToNull(request.quickstart());
		this.template = blankToNull(request.template());
		this.schema = blankToNull(request.schema());
		this.keyField = blankToNull(request.keyField());
		this.format = (blankToNull(request.format()) != null) ? request.format().trim().toLowerCase() : null;
		this.profile = blankToNull(request.profile());
	}

	GeneratorRequest toRequest() {
		return new GeneratorRequest(this.kind, this.quickstart, this.template, this.schema, this.keyField, this.format,
				this.profile);
	}

	private static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text;
	}

}
