package dev.dcf.generator.engine.template;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static dev.dcf.generator.engine.template.Templates.refused;
import static dev.dcf.generator.engine.template.Templates.value;
import static dev.dcf.generator.engine.template.Templates.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class NumberAndChoiceExpressionTests {

	private static double mean(List<Object> values) {
		return values.stream().mapToDouble((v) -> ((Number) v).doubleValue()).average().orElseThrow();
	}

	private static double sd(List<Object> values) {
		double mean = mean(values);
		return Math.sqrt(values.stream()
			.mapToDouble((v) -> Math.pow(((Number) v).doubleValue() - mean, 2))
			.average()
			.orElseThrow());
	}

	@Test
	void uuidsAreVersion4AndDistinct() {
		List<Object> uuids = values("{{uuid}}", 1000);
		assertThat(uuids).doesNotHaveDuplicates();
		assertThat(uuids).allSatisfy((u) -> {
			UUID uuid = UUID.fromString((String) u);
			assertThat(uuid.version()).isEqualTo(4);
			assertThat(uuid.variant()).isEqualTo(2);
		});
		refused("{{uuid(1)}}", "uuid: takes 0 arguments, 1 given", "{{uuid(1)}}");
	}

	@Test
	void sequencesCountRecordsFromAStart() {
		assertThat(values("{{seq}}", 3)).containsExactly(0L, 1L, 2L);
		assertThat(values("{{sequence(1000)}}", 2)).containsExactly(1000L, 1001L);
		refused("{{seq(a)}}", "seq: start 'a' is not a whole number");
		refused("{{seq(1, 2)}}", "seq: takes 0 to 1 arguments");
	}

	@Test
	void integersStayInTheirRangeBothEndsIncluded() {
		List<Object> ints = values("{{int(-2, 2)}}", 2000);
		assertThat(ints).allSatisfy((i) -> assertThat((Long) i).isBetween(-2L, 2L));
		assertThat(ints).contains(-2L, -1L, 0L, 1L, 2L);
		assertThat(value("{{int(7,7)}}")).isEqualTo(7L);
		refused("{{int(5, 1)}}", "int: min 5 is greater than max 1", "{{int(5, 1)}}");
		refused("{{int(1.5, 3)}}", "int: min '1.5' is not a whole number");
		refused("{{int(1)}}", "int: takes 2 arguments, 1 given");
		refused("{{int(-9223372036854775808, 9223372036854775807)}}", "too large");
	}

	@Test
	void decimalsHaveTheirScale() {
		List<Object> decimals = values("{{decimal(10, 20.5, 3)}}", 1000);
		assertThat(decimals).allSatisfy((d) -> {
			assertThat(((BigDecimal) d).scale()).isEqualTo(3);
			assertThat((BigDecimal) d).isBetween(new BigDecimal("10"), new BigDecimal("20.5"));
		});
		assertThat(((BigDecimal) value("{{decimal(1, 2)}}")).scale()).isEqualTo(2);
		refused("{{decimal(2, 1)}}", "decimal: min 2 is greater than max 1");
		refused("{{decimal(1, 2, -1)}}", "decimal: scale -1 is not from 0 to 18");
		refused("{{decimal(x, 2)}}", "decimal: min 'x' is not a number");
		refused("{{decimal(1.001, 1.009)}}", "decimal: no number of scale 2 lies between 1.001 and 1.009");
		refused("{{decimal(0, 1e30)}}", "decimal: the range from 0 to 1E+30 is too large");
		assertThat(values("{{decimal(0.1, 0.3, 1)}}", 300)).containsOnly(new BigDecimal("0.1"), new BigDecimal("0.2"),
				new BigDecimal("0.3"));
	}

	@Test
	void uniformNormalAndExponentialHaveTheirMeans() {
		List<Object> uniform = values("{{uniform(10, 20)}}", 5000);
		assertThat(uniform).allSatisfy((v) -> assertThat((Double) v).isBetween(10.0, 20.0));
		assertThat(mean(uniform)).isCloseTo(15, within(0.3));
		List<Object> normal = values("{{normal(100, 15)}}", 5000);
		assertThat(mean(normal)).isCloseTo(100, within(1.0));
		assertThat(sd(normal)).isCloseTo(15, within(1.0));
		List<Object> exponential = values("{{exponential(4)}}", 5000);
		assertThat(exponential).allSatisfy((v) -> assertThat((Double) v).isNotNegative());
		assertThat(mean(exponential)).isCloseTo(4, within(0.3));
		assertThat(((BigDecimal) value("{{normal(100, 15, 1)}}")).scale()).isEqualTo(1);
		assertThat(((BigDecimal) value("{{exponential(4, 0)}}")).scale()).isEqualTo(0);
	}

	@Test
	void distributionsRefuseBadParameters() {
		refused("{{normal(0, -1)}}", "normal: the standard deviation -1.0 is negative");
		refused("{{exponential(0)}}", "exponential: the mean 0.0 is not positive");
		refused("{{uniform(3, 1)}}", "uniform: min 3.0 is greater than max 1.0");
		refused("{{uniform(1, Infinity)}}", "uniform: max 'Infinity' is not a number");
		refused("{{normal(1)}}", "normal: takes 2 to 3 arguments");
	}

	@Test
	void oneOfPicksEveryChoiceWithItsType() {
		List<Object> picks = values("{{oneOf(a, 'b, c', 3, 2.5, true)}}", 500);
		assertThat(picks).containsOnly("a", "b, c", 3L, new BigDecimal("2.5"), true);
		assertThat(picks).contains("a", "b, c", 3L, new BigDecimal("2.5"), true);
		refused("{{oneOf()}}", "oneOf: takes at least one choice");
	}

	@Test
	void weightedChoicesFollowTheirWeights() {
		List<Object> picks = values("{{weighted(card:7, cash:2, 'gift card':1)}}", 10_000);
		assertThat(picks).containsOnly("card", "cash", "gift card");
		assertThat(picks.stream().filter("card"::equals).count()).isBetween(6700L, 7300L);
		assertThat(picks.stream().filter("gift card"::equals).count()).isBetween(800L, 1200L);
		refused("{{weighted(a:1, b)}}", "weighted: 'b' has no weight");
		refused("{{weighted(a:0)}}", "weighted: the weight of 'a' is not a positive number");
		refused("{{weighted(a:x)}}", "weighted: the weight of 'a' is not a number");
		refused("{{weighted()}}", "weighted: takes at least one choice");
	}

	@Test
	void booleansFollowTheirProbability() {
		List<Object> coins = values("{{bool(0.2)}}", 10_000);
		assertThat(coins.stream().filter(Boolean.TRUE::equals).count()).isBetween(1800L, 2200L);
		assertThat(values("{{boolean}}", 100)).contains(true, false);
		assertThat(values("{{bool(0)}}", 100)).containsOnly(false);
		refused("{{bool(1.5)}}", "bool: the probability 1.5 is not from 0 to 1");
		refused("{{bool(yes)}}", "bool: probability 'yes' is not a number");
	}

}
