package dev.dcf.handler.job;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dcf.handler.secret.SecretCipher;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * At start, before instructions are sent: encrypts every secret env value that is still
 * plain (stored before V16 marked it secret) and re-encrypts every value under a previous
 * key with the primary one (key rotation, docs/security.md). A value under a key that is
 * no longer configured is left alone and logged (by job and name, never the value).
 */
@Component
class SecretsAtRest implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(SecretsAtRest.class);

	private final JdbcTemplate jdbc;

	private final SecretCipher cipher;

	private volatile boolean running;

	/**
	 * @param jobs only to start after Flyway migrated the schema
	 */
	SecretsAtRest(JdbcTemplate jdbc, SecretCipher cipher, JobRepository jobs) {
		this.jdbc = jdbc;
		this.cipher = cipher;
	}

	/**
	 * @return how many values were (re-)encrypted
	 */
	int encryptAll() {
		List<Stored> rows = this.jdbc.query(
				"select job_id, position, env_name, env_value from job_env where env_secret = true and env_value <> ''",
				(rs, n) -> new Stored(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4)));
		int changed = 0;
		for (Stored row : rows) {
			if (this.cipher.isCurrent(row.value())) {
				continue;
			}
			String plain;
			try {
				plain = row.value().startsWith(SecretCipher.PREFIX) ? this.cipher.decrypt(row.value()) : row.value();
			}
			catch (IllegalArgumentException ex) {
				log.error("Secret env {} of job {} cannot be decrypted: {}", row.name(), row.jobId(), ex.getMessage());
				continue;
			}
			changed += this.jdbc.update("update job_env set env_value = ? where job_id = ? and position = ?",
					this.cipher.encrypt(plain), row.jobId(), row.position());
		}
		if (changed > 0) {
			log.info("Encrypted {} secret env values with the primary key", changed);
		}
		return changed;
	}

	private record Stored(String jobId, int position, String name, String value) {
	}

	@Override
	public void start() {
		encryptAll();
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Before the outbox relay (default phase) sends anything. */
	@Override
	public int getPhase() {
		return 0;
	}

}
