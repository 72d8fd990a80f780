package dev.dcf.handler.web;

import java.util.Objects;

import dev.dcf.handler.job.GeneratorRequest;

/**
 * The form's built-in generator settings, as typed. Only the text of the chosen kind goes
 * into the request, so switching kinds leaves the others in the form untouched.
 */
public class GeneratorFields {

	/** The example a new form shows for a template. */
	static final String EXAMPLE_TEMPLATE = """
			{
			  "key": "{{$.value.orderId}}",
			  "value": {
			    "orderId": "order-{{seq}}",
			    "customer": "{{firstName}} {{lastName}}",
			    "amount": "{{decimal(1, 500)}}",
			    "status": "{{weighted(PAID:8, PENDING:1, FAILED:1)}}"
			  }
			}""";

	private String kind = "quickstart";

	private String quickstart = "orders";

	private String template = EXAMPLE_TEMPLATE;

	private String schema = "";

	private String keyField = "";

	private String format = "";

	private String profile = "";

	static GeneratorFields of(GeneratorRequest request) {
		GeneratorFields fields = new GeneratorFields();
		fields.kind = request.normalizedKind();
		fields.quickstart = Objects.requireNonNullElse(request.quickstart(), fields.quickstart);
		fields.template = Objects.requireNonNullElse(request.template(), fields.template);
		fields.schema = Objects.requireNonNullElse(request.schema(), "");
		fields.keyField = Objects.requireNonNullElse(request.keyField(), "");
		fields.format = Objects.requireNonNullElse(request.format(), "");
		fields.profile = Objects.requireNonNullElse(request.profile(), "");
		return fields;
	}

	GeneratorRequest toRequest() {
		return new GeneratorRequest(this.kind, this.kind.equals("quickstart") ? blankToNull(this.quickstart) : null,
				this.kind.equals("template") ? text(this.template) : null,
				this.kind.equals("schema") ? text(this.schema) : null, blankToNull(this.keyField),
				blankToNull(this.format), blankToNull(this.profile));
	}

	private static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

	/** Kept as typed: the engine's line and column must match what the user sees. */
	private static String text(String text) {
		return (text == null || text.isBlank()) ? null : text;
	}

	private static String nonNull(String text) {
		return (text != null) ? text : "";
	}

	public String getKind() {
		return this.kind;
	}

	public void setKind(String kind) {
		this.kind = nonNull(kind);
	}

	public String getQuickstart() {
		return this.quickstart;
	}

	public void setQuickstart(String quickstart) {
		this.quickstart = nonNull(quickstart);
	}

	public String getTemplate() {
		return this.template;
	}

	public void setTemplate(String template) {
		this.template = nonNull(template);
	}

	public String getSchema() {
		return this.schema;
	}

	public void setSchema(String schema) {
		this.schema = nonNull(schema);
	}

	public String getKeyField() {
		return this.keyField;
	}

	public void setKeyField(String keyField) {
		this.keyField = nonNull(keyField);
	}

	public String getFormat() {
		return this.format;
	}

	public void setFormat(String format) {
		this.format = nonNull(format);
	}

	public String getProfile() {
		return this.profile;
	}

	public void setProfile(String profile) {
		this.profile = nonNull(profile);
	}

}
