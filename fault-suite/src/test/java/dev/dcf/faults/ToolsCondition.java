package dev.dcf.faults;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.dcf.testsupport.RequiredTools;

/**
 * Beyond a Docker daemon ({@code @RequiresDocker}) the suite needs: PostgreSQL's server
 * binaries and {@code runuser} (for its private cluster), {@code dockerd} and root (for
 * its second daemon). Missing tools skip the suite, or fail it when {@code DCF_REQUIRE}
 * names them ({@link RequiredTools}), as the project's other tests do.
 */
final class ToolsCondition implements ExecutionCondition {

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		RequiredTools tools = RequiredTools.fromEnvironment();
		if (PrivatePostgres.binaries() == null || !onPath("runuser")) {
			return tools.missing(RequiredTools.Tool.POSTGRES,
					"The fault suite needs PostgreSQL server binaries (initdb, " + "pg_ctl under "
							+ PrivatePostgres.BIN_ROOT + ") and runuser");
		}
		if (!onPath("dockerd") || !onPath("docker") || !"root".equals(System.getProperty("user.name"))) {
			return tools.missing(RequiredTools.Tool.DOCKER,
					"The fault suite needs dockerd and docker on the PATH, run as root (for the second Docker daemon)");
		}
		return ConditionEvaluationResult.enabled("all tools present");
	}

	private static boolean onPath(String command) {
		String path = System.getenv("PATH");
		if (path == null) {
			return false;
		}
		for (String dir : path.split(":")) {
			if (Files.isExecutable(Path.of(dir, command))) {
				return true;
			}
		}
		return false;
	}

}
