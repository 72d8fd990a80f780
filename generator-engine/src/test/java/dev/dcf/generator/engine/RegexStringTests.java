package dev.dcf.generator.engine;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RegexStringTests {

	@ParameterizedTest
	@ValueSource(strings = { "User_[1-9]", "Item_[1-9][0-9]{0,2}", "City_[1-9]{0,2}", "[a-zA-Z]{5,15}",
			"(GET|POST|PUT) /[a-z]+(/[a-z0-9_-]{1,8})*", "\\d{3}-\\d{4}", "[^a-z]{3}", "\\w+@\\w+\\.(com|org)",
			"a.b?c*d+", "^(?:ab|cd){2,}$", "[\\-.x]{4}", "x{3}y{2,}z?" })
	void everyStringMatchesItsPattern(String pattern) {
		RegexString regex = RegexString.compile(pattern);
		SplittableRandom random = new SplittableRandom(7);
		Pattern check = Pattern.compile(pattern);
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < 500; i++) {
			String value = regex.generate(random, RegexString.OPEN_REPEAT);
			assertThat(check.matcher(value).matches()).as(value).isTrue();
			seen.add(value);
		}
		assertThat(seen).hasSizeGreaterThan(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "[a-z", "(ab", "ab)", "*a", "a{2,1}", "a{x}", "(?=a)b", "\\q", "[z-a]", "a**" })
	void aPatternThatCannotBeGeneratedIsRejected(String pattern) {
		assertThatIllegalArgumentException().isThrownBy(() -> RegexString.compile(pattern))
			.withMessageContaining("/" + pattern + "/");
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 5, 10 })
	void aLengthBoundIsMetWhenThePatternAllowsIt(int min) {
		RegexString regex = RegexString.compile("[a-zA-Z]*");
		SplittableRandom random = new SplittableRandom(3);
		for (int i = 0; i < 200; i++) {
			assertThat(regex.generate(random, min, min + 3)).hasSizeBetween(min, min + 2);
		}
	}

}
