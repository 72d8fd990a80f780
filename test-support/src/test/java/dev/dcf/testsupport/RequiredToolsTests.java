package dev.dcf.testsupport;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.opentest4j.TestAbortedException;

import dev.dcf.testsupport.RequiredTools.Tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class RequiredToolsTests {

	@Test
	void aListNamesTheRequiredToolsInAnyCaseAndSpacing() {
		assertThat(RequiredTools.parse(" Docker , postgres,")).containsExactlyInAnyOrder(Tool.DOCKER, Tool.POSTGRES);
	}

	@Test
	void allRequiresEveryTool() {
		assertThat(RequiredTools.parse("all")).containsExactlyInAnyOrder(Tool.values());
	}

	@Test
	void theOlderDockerSwitchRequiresDockerBesideTheList() {
		assertThat(RequiredTools.from(Map.of("DCF_REQUIRE_DOCKER", "1", "DCF_REQUIRE", "postgres")::get)
			.requires(Tool.DOCKER)).isTrue();
		assertThat(RequiredTools.from(Map.of("DCF_REQUIRE_DOCKER", "true")::get).requires(Tool.DOCKER)).isTrue();
		assertThat(RequiredTools.from(Map.of("DCF_REQUIRE_DOCKER", "0")::get).requires(Tool.DOCKER)).isFalse();
		assertThat(RequiredTools.from(Map.<String, String>of()::get).requires(Tool.DOCKER)).isFalse();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RequiredTools.from(Map.of("DCF_REQUIRE_DOCKER", "yes")::get))
			.withMessageContaining("DCF_REQUIRE_DOCKER");
	}

	@Test
	void unsetOrBlankRequiresNothing() {
		assertThat(RequiredTools.parse(null)).isEmpty();
		assertThat(RequiredTools.parse("  ")).isEmpty();
	}

	@Test
	void anUnknownToolIsRefusedRatherThanSkippingSilently() {
		assertThatIllegalArgumentException().isThrownBy(() -> RequiredTools.parse("docker,chrome"))
			.withMessageContaining("unknown tool 'chrome'")
			.withMessageContaining("docker, browser, postgres, compose, all");
	}

	@Test
	void aMissingToolThatIsNotRequiredSkipsWithTheProblemAndTheWayToFail() {
		RequiredTools tools = RequiredTools.from(Map.of("DCF_REQUIRE", "docker")::get);

		ConditionEvaluationResult result = tools.missing(Tool.BROWSER, "Chromium is missing");

		assertThat(result.isDisabled()).isTrue();
		assertThat(result.getReason()).hasValue("Chromium is missing; set DCF_REQUIRE=browser to fail instead");
	}

	@Test
	void aMissingToolThatIsRequiredFails() {
		RequiredTools tools = RequiredTools.from(Map.of("DCF_REQUIRE", "browser,docker")::get);

		assertThatIllegalStateException().isThrownBy(() -> tools.missing(Tool.BROWSER, "Chromium is missing"))
			.withMessage("Chromium is missing and DCF_REQUIRE requires browser");
	}

	@Test
	void aTestThatFindsItsToolMissingIsAbortedUnlessTheToolIsRequired() {
		RequiredTools optional = RequiredTools.from(Map.of("DCF_REQUIRE", "docker")::get);
		RequiredTools required = RequiredTools.from(Map.of("DCF_REQUIRE", "compose")::get);

		optional.assume(Tool.COMPOSE, true, "docker-compose is missing");
		assertThatExceptionOfType(TestAbortedException.class)
			.isThrownBy(() -> optional.assume(Tool.COMPOSE, false, "docker-compose is missing"))
			.withMessageContaining("set DCF_REQUIRE=compose to fail instead");
		assertThatIllegalStateException()
			.isThrownBy(() -> required.assume(Tool.COMPOSE, false, "docker-compose is missing"))
			.withMessage("docker-compose is missing and DCF_REQUIRE requires compose");
	}

}
