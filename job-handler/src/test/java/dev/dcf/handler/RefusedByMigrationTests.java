package dev.dcf.handler;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@link RefusedByMigration} on H2, the default database (PostgreSQL:
 * {@link PostgresMigrationsIT}).
 */
class RefusedByMigrationTests {

	@Test
	void refusalsStoredBeforeV17BecomeOneRowPerAgentOnH2() {
		DriverManagerDataSource h2 = new DriverManagerDataSource(
				"jdbc:h2:mem:v17-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
		RefusedByMigration.movesTheRefusalsInto(h2);
	}

}
