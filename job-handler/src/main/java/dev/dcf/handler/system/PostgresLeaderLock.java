package dev.dcf.handler.system;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.Executor;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader lock on PostgreSQL: a session-level advisory lock
 * ({@code pg_try_advisory_lock}) held on a connection of its own, keyed by DCF's class id
 * and the current schema (so installations in different schemas of one database do not
 * compete). PostgreSQL releases it when that session ends, e.g. when the leader's process
 * dies (kill -9 closes its sockets) or its connection breaks: then another handler takes
 * it on its next try. The session carries the handler's name as {@code application_name},
 * so everyone can tell who leads.
 */
final class PostgresLeaderLock implements LeaderLock {

	private static final Logger log = LoggerFactory.getLogger(PostgresLeaderLock.class);

	/** "DCF" in ASCII: the first key of DCF's advisory locks. */
	static final int CLASS_ID = 0x444346;

	private static final int TIMEOUT_SECONDS = 5;

	private static final Executor ABORT_INLINE = Runnable::run;

	private final DataSource dataSource;

	private final String name;

	/** Kept while trying, so a follower does not reconnect every second. */
	private Connection connection;

	/**
	 * @param dataSource where to take the lock's connection from
	 * @param name this handler's name, shown as the session's {@code application_name}
	 */
	PostgresLeaderLock(DataSource dataSource, String name) {
		this.dataSource = dataSource;
		this.name = name;
	}

	@Override
	public boolean tryAcquire() {
		try {
			Connection session = session();
			try (PreparedStatement statement = session
				.prepareStatement("select pg_try_advisory_lock(?, hashtext(current_schema()))")) {
				statement.setQueryTimeout(TIMEOUT_SECONDS);
				statement.setInt(1, CLASS_ID);
				try (ResultSet result = statement.executeQuery()) {
					return result.next() && result.getBoolean(1);
				}
			}
		}
		catch (SQLException ex) {
			release();
			throw new IllegalStateException("Cannot try the leader lock: " + ex.getMessage(), ex);
		}
	}

	@Override
	public boolean held() {
		try {
			return this.connection != null && this.connection.isValid(TIMEOUT_SECONDS);
		}
		catch (SQLException ex) {
			return false;
		}
	}

	@Override
	public void release() {
		Connection session = this.connection;
		this.connection = null;
		if (session == null) {
			return;
		}
		try (PreparedStatement statement = session.prepareStatement("select pg_advisory_unlock_all()")) {
			statement.setQueryTimeout(TIMEOUT_SECONDS);
			statement.execute();
			session.close();
		}
		catch (SQLException | RuntimeException ex) {
			// the session may still hold the lock: end it rather than pool it
			log.debug("Could not release the leader lock cleanly, closing its connection: {}", ex.toString());
			try {
				session.abort(ABORT_INLINE);
			}
			catch (SQLException | RuntimeException abortFailed) {
				log.debug("Could not abort the leader lock's connection: {}", abortFailed.toString());
			}
		}
	}

	@Override
	public String holder() {
		try (Connection session = this.dataSource.getConnection();
				PreparedStatement statement = session.prepareStatement("select a.application_name from pg_locks l"
						+ " join pg_stat_activity a on a.pid = l.pid where l.locktype = 'advisory' and l.granted"
						+ " and l.database = (select oid from pg_database where datname = current_database())"
						+ " and l.classid = ?::bigint::oid and l.objsubid = 2"
						+ " and l.objid = (hashtext(current_schema())::bigint & 4294967295)::oid")) {
			statement.setQueryTimeout(TIMEOUT_SECONDS);
			statement.setInt(1, CLASS_ID);
			try (ResultSet result = statement.executeQuery()) {
				return result.next() ? result.getString(1) : null;
			}
		}
		catch (SQLException ex) {
			return null;
		}
	}

	private Connection session() throws SQLException {
		if (this.connection == null || !this.connection.isValid(TIMEOUT_SECONDS)) {
			release();
			Connection session = this.dataSource.getConnection();
			try {
				session.setAutoCommit(true);
				try (PreparedStatement statement = session
					.prepareStatement("select set_config('application_name', ?, false)")) {
					statement.setString(1, this.name);
					statement.execute();
				}
			}
			catch (SQLException ex) {
				session.close();
				throw ex;
			}
			this.connection = session;
		}
		return this.connection;
	}

}
