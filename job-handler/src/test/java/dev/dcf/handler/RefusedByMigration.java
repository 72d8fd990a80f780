package dev.dcf.handler;

import java.sql.Timestamp;
import java.time.Instant;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migration V17 on a database of its own: jobs stored before it, with their refusals as
 * one space-separated string, come out with one {@code job_refused_by} row per agent, and
 * the renamed column keeps its value.
 */
final class RefusedByMigration {

	private RefusedByMigration() {
	}

	static void movesTheRefusalsInto(DataSource dataSource, String... schemas) {
		Flyway before = flyway(dataSource, schemas).target("16").load();
		before.migrate();
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		oldJob(jdbc, "v17-two", "agent-1 agent-2", 1234L);
		oldJob(jdbc, "v17-spaces", "  agent-3   agent-4 agent-3 ", null);
		oldJob(jdbc, "v17-one", "agent-5", null);
		oldJob(jdbc, "v17-none", null, null);
		oldJob(jdbc, "v17-blank", " ", null);

		flyway(dataSource, schemas).load().migrate();

		assertThat(jdbc.queryForList("select job_id || ':' || agent_id from job_refused_by order by 1", String.class))
			.containsExactly("v17-one:agent-5", "v17-spaces:agent-3", "v17-spaces:agent-4", "v17-two:agent-1",
					"v17-two:agent-2");
		assertThat(jdbc.queryForObject("select run_start_offsets from job where id = 'v17-two'", Long.class))
			.isEqualTo(1234L);
	}

	private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(DataSource dataSource,
			String... schemas) {
		return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").schemas(schemas);
	}

	private static void oldJob(JdbcTemplate jdbc, String id, String refusedBy, Long endOffsets) {
		Timestamp now = Timestamp.from(Instant.parse("2026-01-01T00:00:00Z"));
		jdbc.update("insert into job (id, version, name, image, topic, containers, cpu_limit, memory_limit_mb,"
				+ " duration_seconds, state, state_changed_at, owner, run_number, created_at, refused_by,"
				+ " end_offsets_at_running) values (?, 0, ?, 'img', 'topic', 1, 0.5, 256, 60, 'DEPLOYING', ?,"
				+ " 'alice', 1, ?, ?, ?)", id, id, now, now, refusedBy, endOffsets);
	}

}
