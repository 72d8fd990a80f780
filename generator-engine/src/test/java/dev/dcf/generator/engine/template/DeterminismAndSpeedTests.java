package dev.dcf.generator.engine.template;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.dcf.generator.engine.GeneratedRecord;
import dev.dcf.generator.engine.GeneratorContext;
import dev.dcf.generator.engine.RecordGenerator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeterminismAndSpeedTests {

	static final String ORDER = """
			{"key": "{{$.value.orderId}}",
			 "value": {
			   "orderId": "order-{{seq}}",
			   "id": "{{uuid}}",
			   "customer": {"first": "{{firstName}}", "last": "{{lastName}}",
			                "email": "{{lower($.value.customer.first)}}@example.com", "ip": "{{ipv4}}"},
			   "amount": "{{decimal(1, 500)}}",
			   "quantity": "{{int(1, 10)}}",
			   "latencyMs": "{{exponential(40, 1)}}",
			   "status": "{{weighted(PAID:8, PENDING:1, FAILED:1)}}",
			   "channel": "{{oneOf(web, app, store)}}",
			   "express": "{{bool(0.1)}}",
			   "sku": "{{regex('[A-Z]{3}-[0-9]{5}')}}",
			   "at": "{{now(jitter=2s)}}"},
			 "headers": {"source": "dcf"}}
			""";

	private static final String FAST = """
			{"key": "{{$.value.id}}",
			 "value": {"id": "{{uuid}}", "seq": "{{seq}}", "n": "{{int(1, 1000)}}", "price": "{{decimal(1, 100)}}",
			           "kind": "{{weighted(a:3, b:1)}}", "ok": "{{bool(0.9)}}", "at": "{{now(format=epochMillis)}}",
			           "label": "item-{{seq}}", "fixed": {"v": 1}}}
			""";

	private static List<GeneratedRecord> generate(String template, long seed, int index, int count, int n) {
		RecordGenerator generator = TemplateSpec.parse(template, Templates.CLOCK)
			.generator(new GeneratorContext(seed, index, count));
		List<GeneratedRecord> records = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			records.add(generator.next());
		}
		return records;
	}

	@Test
	void theSameSeedGivesTheSameRecords() {
		assertThat(generate(ORDER, 7, 1, 3, 200)).isEqualTo(generate(ORDER, 7, 1, 3, 200));
	}

	@Test
	void anotherSeedOrContainerGivesOtherRecords() {
		List<GeneratedRecord> records = generate(ORDER, 7, 0, 2, 50);
		assertThat(generate(ORDER, 8, 0, 2, 50)).isNotEqualTo(records);
		assertThat(generate(ORDER, 7, 1, 2, 50).get(0).value()).isNotEqualTo(records.get(0).value());
	}

	@Test
	void containersNeverShareSequenceNumbers() {
		Set<Long> sequences = new HashSet<>();
		Set<Object> keys = new HashSet<>();
		for (int container = 0; container < 3; container++) {
			for (GeneratedRecord record : generate(ORDER, 7, container, 3, 100)) {
				assertThat(sequences.add(record.sequence())).isTrue();
				assertThat(keys.add(record.key())).isTrue();
			}
		}
		assertThat(sequences).hasSize(300).allSatisfy((s) -> assertThat(s).isBetween(0L, 299L));
	}

	@Test
	void generatingIsFastEnoughToMeasure() {
		measure("without fakers", FAST, 300_000);
		measure("the order template (with fakers)", ORDER, 30_000);
		measure("the order template with pools of 10,000 faker values",
				ORDER.replace("{{firstName}}", "{{firstName(pool=10000)}}")
					.replace("{{lastName}}", "{{lastName(pool=10000)}}")
					.replace("{{ipv4}}", "{{ipv4(pool=10000)}}"),
				300_000);
	}

	private static void measure(String what, String template, int n) {
		RecordGenerator generator = TemplateSpec.parse(template, Clock.systemUTC())
			.generator(new GeneratorContext(1, 0, 1));
		for (int i = 0; i < n / 10; i++) {
			generator.next();
		}
		long start = System.nanoTime();
		long sum = 0;
		for (int i = 0; i < n; i++) {
			sum += generator.next().sequence();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf("Template %s: %,d records in %.3f s, %,.0f records/s%n", what, n, seconds, n / seconds);
		assertThat(sum).isPositive();
	}

}
