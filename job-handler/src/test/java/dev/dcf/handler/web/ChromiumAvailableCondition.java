package dev.dcf.handler.web;

import java.nio.file.Files;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The condition behind {@link RequiresChromium}.
 */
class ChromiumAvailableCondition implements ExecutionCondition {

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		if (Files.isExecutable(Browser.CHROMIUM) && Files.isExecutable(Browser.CHROMEDRIVER)) {
			return ConditionEvaluationResult.enabled("Chromium found at " + Browser.CHROMIUM);
		}
		String problem = "Chromium or its driver is missing (" + Browser.CHROMIUM + ", " + Browser.CHROMEDRIVER
				+ "; Debian packages chromium and chromium-driver)";
		if ("true".equalsIgnoreCase(System.getenv("CI")) || "1".equals(System.getenv("DCF_REQUIRE_BROWSER"))) {
			throw new IllegalStateException(
					problem + " and browser tests are required here (CI or DCF_REQUIRE_BROWSER=1)");
		}
		return ConditionEvaluationResult.disabled(problem + "; set DCF_REQUIRE_BROWSER=1 to fail instead");
	}

}
