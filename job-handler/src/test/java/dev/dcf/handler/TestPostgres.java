package dev.dcf.handler;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.dcf.testsupport.RequiredTools;

/**
 * Where the PostgreSQL of the tests is ({@code DCF_TEST_PG_URL},
 * {@code DCF_TEST_PG_USER}, {@code DCF_TEST_PG_PASSWORD}; defaults:
 * {@code jdbc:postgresql://localhost:5432/dcf}, {@code dcf}/{@code dcf}), and a JUnit
 * condition on it: tests are skipped with a clear message when it does not answer, and
 * fail instead when {@code DCF_REQUIRE} names postgres (as in CI).
 */
public final class TestPostgres implements ExecutionCondition {

	public static final String URL = env("DCF_TEST_PG_URL", "jdbc:postgresql://localhost:5432/dcf");

	public static final String USER = env("DCF_TEST_PG_USER", "dcf");

	public static final String PASSWORD = env("DCF_TEST_PG_PASSWORD", "dcf");

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		String problem = connectionProblem();
		if (problem == null) {
			return ConditionEvaluationResult.enabled("PostgreSQL answers at " + URL);
		}
		String message = "PostgreSQL not reachable at " + URL + " as " + USER + " (" + problem
				+ "); set DCF_TEST_PG_URL/DCF_TEST_PG_USER/DCF_TEST_PG_PASSWORD";
		return RequiredTools.fromEnvironment().missing(RequiredTools.Tool.POSTGRES, message);
	}

	private static String connectionProblem() {
		Properties properties = new Properties();
		properties.setProperty("user", USER);
		properties.setProperty("password", PASSWORD);
		properties.setProperty("connectTimeout", "5");
		properties.setProperty("loginTimeout", "5");
		try (Connection connection = DriverManager.getConnection(URL, properties)) {
			return connection.isValid(5) ? null : "connection not valid";
		}
		catch (SQLException ex) {
			return ex.getMessage();
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

}
