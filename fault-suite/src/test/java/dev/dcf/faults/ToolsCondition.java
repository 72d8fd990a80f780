package dev.dcf.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Beyond a Docker daemon ({@code @RequiresDocker}) the suite needs: PostgreSQL's server
 * binaries and {@code runuser} (for its private cluster), {@code dockerd} and root (for
 * its second daemon). Missing tools skip the suite, or fail it when
 * {@code DCF_REQUIRE_POSTGRES=1} / {@code DCF_REQUIRE_DOCKER=1} says they must be there,
 * as the project's other tests do.
 */
final class ToolsCondition implements ExecutionCondition {

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		List<String> missing = new ArrayList<>();
		boolean required = false;
		if (PrivatePostgres.binaries() == null || !onPath("runuser")) {
			missing
				.add("PostgreSQL server binaries (initdb, pg_ctl under " + PrivatePostgres.BIN_ROOT + ") and runuser");
			required |= "1".equals(System.getenv("DCF_REQUIRE_POSTGRES"));
		}
		if (!onPath("dockerd") || !onPath("docker") || !"root".equals(System.getProperty("user.name"))) {
			missing.add("dockerd and docker on the PATH, run as root (for the second Docker daemon)");
			required |= "1".equals(System.getenv("DCF_REQUIRE_DOCKER"));
		}
		if (missing.isEmpty()) {
			return ConditionEvaluationResult.enabled("all tools present");
		}
		String message = "The fault suite needs " + String.join("; ", missing);
		if (required) {
			throw new IllegalStateException(message + " (required by DCF_REQUIRE_DOCKER / DCF_REQUIRE_POSTGRES=1)");
		}
		return ConditionEvaluationResult.disabled(message);
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
