package dev.dcf.handler.web;

import java.nio.file.Files;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.dcf.testsupport.RequiredTools;

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
		return RequiredTools.fromEnvironment().missing(RequiredTools.Tool.BROWSER, problem);
	}

}
