package dev.dcf.handler;

import java.util.UUID;

import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.dcf.handler.agent.AgentService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same migrations and persistence contract as {@link PersistenceTests}, on a real
 * PostgreSQL (see {@link TestPostgres} for where, and when it is skipped). The schema is
 * cleaned first, so every run migrates from scratch; Hibernate then validates it against
 * the mappings.
 */
@ExtendWith(TestPostgres.class)
@DataJpaTest(showSql = false)
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import(AgentService.class)
class PostgresMigrationsIT extends PersistenceContract {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> TestPostgres.URL);
		registry.add("spring.datasource.username", () -> TestPostgres.USER);
		registry.add("spring.datasource.password", () -> TestPostgres.PASSWORD);
		registry.add("spring.flyway.clean-disabled", () -> "false");
	}

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void migrationsRanOnPostgres() {
		assertThat(this.jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL");
		assertThat(this.jdbc.queryForObject("select count(*) from flyway_schema_history where success", Integer.class))
			.isEqualTo(MigrationCount.applied);
		assertThat(this.jdbc.queryForObject(
				"select data_type from information_schema.columns where table_name = 'job' and column_name = 'created_at'",
				String.class))
			.isEqualTo("timestamp with time zone");
	}

	@Test
	@Transactional(propagation = Propagation.NOT_SUPPORTED) // the schema is dropped for
															// good
	void refusalsStoredBeforeV17BecomeOneRowPerAgent() {
		String schema = "v17_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		String url = TestPostgres.URL + (TestPostgres.URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
		DriverManagerDataSource own = new DriverManagerDataSource(url, TestPostgres.USER, TestPostgres.PASSWORD);
		try {
			RefusedByMigration.movesTheRefusalsInto(own, schema);
		}
		finally {
			new JdbcTemplate(own).execute("drop schema if exists " + schema + " cascade");
		}
	}

	/** Remembers how many migrations Flyway applied to the cleaned schema. */
	static final class MigrationCount {

		static int applied;

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class CleanSchema {

		@Bean
		FlywayMigrationStrategy cleanThenMigrate() {
			return (flyway) -> {
				flyway.clean();
				MigrationInfo[] pending = flyway.info().pending();
				flyway.migrate();
				MigrationCount.applied = pending.length;
			};
		}

	}

}
