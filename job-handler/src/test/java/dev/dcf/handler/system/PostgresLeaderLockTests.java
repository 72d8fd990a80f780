package dev.dcf.handler.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.dcf.handler.TestPostgres;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The advisory lock on the tests' real PostgreSQL, each test in a schema of its own. */
@ExtendWith(TestPostgres.class)
class PostgresLeaderLockTests {

	private final String schema = "dcf_leader_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	private final List<PostgresLeaderLock> locks = new ArrayList<>();

	@BeforeEach
	void createSchema() throws SQLException {
		sql("create schema " + this.schema);
	}

	@AfterEach
	void dropSchema() throws SQLException {
		this.locks.forEach(PostgresLeaderLock::release);
		sql("drop schema " + this.schema + " cascade");
	}

	@Test
	void oneOfTwoHandlersLeadsAndTheOtherTakesOverWhenTheLeadersSessionDies() throws SQLException {
		PostgresLeaderLock first = lock(this.schema, "dcf-handler first");
		PostgresLeaderLock second = lock(this.schema, "dcf-handler second");

		assertThat(first.tryAcquire()).isTrue();
		assertThat(second.tryAcquire()).isFalse();
		assertThat(second.holder()).isEqualTo("dcf-handler first");
		assertThat(first.held()).isTrue();

		// what a kill -9 of the leader's JVM does to its session
		sql("select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'dcf-handler first'");

		assertThat(first.held()).isFalse();
		assertThat(second.tryAcquire()).isTrue();
		assertThat(second.holder()).isEqualTo("dcf-handler second");
	}

	@Test
	void aLeaderThatGivesTheLockUpLetsTheOtherTakeItAtOnce() {
		PostgresLeaderLock first = lock(this.schema, "dcf-handler first");
		PostgresLeaderLock second = lock(this.schema, "dcf-handler second");
		assertThat(first.tryAcquire()).isTrue();

		first.release();

		assertThat(second.tryAcquire()).isTrue();
		assertThat(first.tryAcquire()).isFalse();
	}

	@Test
	void handlersOfDifferentSchemasDoNotCompete() throws SQLException {
		String other = this.schema + "_b";
		sql("create schema " + other);
		try {
			PostgresLeaderLock first = lock(this.schema, "dcf-handler first");
			PostgresLeaderLock elsewhere = lock(other, "dcf-handler elsewhere");

			assertThat(first.tryAcquire()).isTrue();
			assertThat(elsewhere.tryAcquire()).isTrue();
		}
		finally {
			this.locks.forEach(PostgresLeaderLock::release);
			sql("drop schema " + other + " cascade");
		}
	}

	private PostgresLeaderLock lock(String schema, String name) {
		String url = TestPostgres.URL + (TestPostgres.URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
		DataSource dataSource = new DriverManagerDataSource(url, TestPostgres.USER, TestPostgres.PASSWORD);
		PostgresLeaderLock lock = new PostgresLeaderLock(dataSource, name);
		this.locks.add(lock);
		return lock;
	}

	private static void sql(String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(TestPostgres.URL, TestPostgres.USER,
				TestPostgres.PASSWORD); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
