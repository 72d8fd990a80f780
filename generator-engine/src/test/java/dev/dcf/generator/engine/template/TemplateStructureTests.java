package dev.dcf.generator.engine.template;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import dev.dcf.generator.engine.GeneratedRecord;
import dev.dcf.generator.engine.SpecException;
import org.junit.jupiter.api.Test;

import static dev.dcf.generator.engine.template.Templates.records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplateStructureTests {

	@Test
	void aDocumentWithoutRecordMembersIsTheValueWithItsLiteralsKept() {
		GeneratedRecord record = records(
				"{\"a\": 1, \"b\": 2.50, \"c\": [true, null, \"x\"], \"d\": {\"e\": \"text\"}}", 1)
			.get(0);
		assertThat(record.key()).isNull();
		assertThat(record.headers()).isEmpty();
		assertThat(record.value()).isEqualTo(Map.of("a", 1L, "b", new BigDecimal("2.50"), "c",
				java.util.Arrays.asList(true, null, "x"), "d", Map.of("e", "text")));
	}

	@Test
	void aRecordTemplateHasKeyValueAndHeaders() {
		GeneratedRecord record = records("""
				{"key": "{{$.value.id}}",
				 "value": {"id": "order-{{seq}}", "qty": "{{int(1,1)}}"},
				 "headers": {"source": "dcf", "n": "{{seq(100)}}"}}
				""", 2).get(1);
		assertThat(record.sequence()).isEqualTo(1);
		assertThat(record.key()).isEqualTo("order-1");
		assertThat(record.value()).isEqualTo(Map.of("id", "order-1", "qty", 1L));
		assertThat(record.headers()).isEqualTo(Map.of("source", "dcf", "n", "101"));
	}

	@Test
	void aKeyMayBeAnObject() {
		GeneratedRecord record = records("{\"key\": {\"id\": \"{{seq}}\"}, \"value\": \"v\"}", 1).get(0);
		assertThat(record.key()).isEqualTo(Map.of("id", 0L));
		assertThat(record.value()).isEqualTo("v");
	}

	@Test
	void theValueKeepsTheOrderOfTheTemplate() {
		Object value = records("{\"z\": \"{{seq}}\", \"a\": 1, \"m\": \"{{uuid}}\"}", 1).get(0).value();
		assertThat(List.<Object>copyOf(((Map<?, ?>) value).keySet())).containsExactly("z", "a", "m");
	}

	@Test
	void expressionsInArraysAreGenerated() {
		Object value = records("{\"items\": [\"{{seq}}\", 7, {\"n\": \"{{seq(10)}}\"}]}", 1).get(0).value();
		assertThat(value).isEqualTo(Map.of("items", List.of(0L, 7L, Map.of("n", 10L))));
	}

	@Test
	void invalidJsonIsAnErrorWithLineAndColumn() {
		assertThatThrownBy(() -> TemplateSpec.parse("{\n  \"a\": 1,\n  \"b\": }"))
			.isInstanceOfSatisfying(SpecException.class, (ex) -> {
				assertThat(ex.field()).isEqualTo("GENERATOR_TEMPLATE");
				assertThat(ex.line()).isEqualTo(3);
				assertThat(ex.column()).isEqualTo(8);
				assertThat(ex.getMessage()).startsWith("the template is not JSON");
			});
	}

	@Test
	void duplicateMembersTrailingTextAndEmptyTemplatesAreRefused() {
		assertThatThrownBy(() -> TemplateSpec.parse("{\"a\": 1, \"a\": 2}")).isInstanceOf(SpecException.class)
			.hasMessageContaining("Duplicate field 'a'");
		assertThatThrownBy(() -> TemplateSpec.parse("{\"a\": 1} {}")).isInstanceOf(SpecException.class);
		assertThatThrownBy(() -> TemplateSpec.parse("  ")).isInstanceOf(SpecException.class)
			.hasMessageContaining("empty");
	}

	@Test
	void aRecordTemplateWithAnotherMemberIsRefusedWithAHint() {
		assertThatThrownBy(() -> TemplateSpec.parse("{\"key\": \"k\", \"count\": 3}"))
			.isInstanceOfSatisfying(SpecException.class, (ex) -> {
				assertThat(ex.field()).isEqualTo("$.count");
				assertThat(ex.getMessage()).contains("put it under \"value\"");
			});
	}

	@Test
	void headersAreScalars() {
		assertThatThrownBy(() -> TemplateSpec.parse("{\"value\": 1, \"headers\": {\"h\": {\"x\": 1}}}"))
			.isInstanceOfSatisfying(SpecException.class, (ex) -> assertThat(ex.field()).isEqualTo("$.headers.h"));
		assertThatThrownBy(() -> TemplateSpec.parse("{\"value\": 1, \"headers\": [1]}"))
			.isInstanceOfSatisfying(SpecException.class, (ex) -> assertThat(ex.field()).isEqualTo("$.headers"));
	}

	@Test
	void anUnknownExpressionNamesItsPathAndName() {
		assertThatThrownBy(() -> TemplateSpec.parse("{\"value\": {\"customer\": {\"email\": \"{{emial}}\"}}}"))
			.isInstanceOfSatisfying(SpecException.class, (ex) -> {
				assertThat(ex.field()).isEqualTo("$.value.customer.email");
				assertThat(ex.getMessage()).contains("unknown expression 'emial'", "did you mean email?");
			});
	}

	@Test
	void anUnknownExpressionFarFromAnyNamePointsToTheDocs() {
		Templates.refused("{{zzzzzz}}", "unknown expression 'zzzzzz'", "see docs/generator.md");
		assertThat(TemplateSpec.expressionNames()).contains("uuid", "weighted", "faker", "userAgent");
	}

	@Test
	void unclosedAndEmptyExpressionsAreRefused() {
		Templates.refused("{{uuid", "not closed");
		Templates.refused("{{ }}", "empty expression");
		Templates.refused("a}}", "'}}' without '{{'");
		Templates.refused("{{int 1}}", "expected '(arguments)'");
		Templates.refused("{{int(1,,2)}}", "empty argument");
		Templates.refused("{{oneOf('a)}}", "not closed");
	}

	@Test
	void textAroundExpressionsMakesAString() {
		assertThat(Templates.value("order-{{seq(7)}}/{{decimal(1,1,1)}}!")).isEqualTo("order-7/1.0!");
	}

	@Test
	void literalBracesAreQuotedTextExpressions() {
		assertThat(Templates.value("{{'{{'}}name{{'}}'}} {{\"x\"}}")).isEqualTo("{{name}} x");
	}

	@Test
	void expressionNamesIgnoreCase() {
		assertThat(Templates.value("{{ONEOF(x)}}")).isEqualTo("x");
	}

}
