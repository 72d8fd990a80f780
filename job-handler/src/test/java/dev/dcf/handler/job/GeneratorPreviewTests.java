package dev.dcf.handler.job;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class GeneratorPreviewTests {

	private final GeneratorPreview preview = new GeneratorPreview(
			Clock.fixed(Instant.parse("2026-05-01T10:00:00Z"), ZoneOffset.UTC));

	@Test
	void aQuickstartPreviewsFiveAvroRecordsAsJsonTreesKeyedByItsKeyField() {
		List<PreviewRecord> records = this.preview.preview(GeneratorValidationTests.quickstart("users"), null);
		assertThat(records).hasSize(5).allSatisfy((record) -> {
			assertThat(record.value()).isInstanceOf(Map.class);
			assertThat(((Map<?, ?>) record.value()).get("userid")).isEqualTo(record.key());
		});
	}

	@Test
	void aTemplatePreviewHasKeyValueAndHeaders() {
		List<PreviewRecord> records = this.preview
			.preview(GeneratorValidationTests.template(GeneratorValidationTests.TEMPLATE), null);
		assertThat(records).hasSize(5);
		assertThat(records.get(0).value()).isInstanceOf(Map.class);
		assertThat(((Map<?, ?>) records.get(0).value()).get("id")).isEqualTo(records.get(0).key());
		assertThat(records.get(0).headers()).containsEntry("source", "dcf");
	}

	@Test
	void theSameSeedGivesTheSameRecordsAndAnotherSeedOthers() {
		GeneratorRequest generator = GeneratorValidationTests.quickstart("orders");
		List<PreviewRecord> first = this.preview.preview(generator, Map.of("SEED", "42"));
		assertThat(this.preview.preview(generator, Map.of("SEED", "42"))).isEqualTo(first);
		assertThat(this.preview.preview(generator, Map.of("SEED", "43"))).isNotEqualTo(first);
	}

	@Test
	void aBrokenTemplateIsRefusedWithAFieldError() {
		assertThatExceptionOfType(InvalidJobRequestException.class)
			.isThrownBy(() -> this.preview.preview(GeneratorValidationTests.template("{\"a\": "), null))
			.satisfies((ex) -> assertThat(ex.violations()).extracting(FieldViolation::field)
				.containsExactly("generator.template"));
	}

}
