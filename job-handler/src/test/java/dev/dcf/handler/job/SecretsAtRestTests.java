package dev.dcf.handler.job;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.dcf.handler.secret.SecretCipher;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A secret value stored plain (before V16 marked it) is encrypted at start, and a value
 * under a previous key is re-encrypted with the primary key after a rotation.
 */
@DataJpaTest(showSql = false)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class SecretsAtRestTests {

	private static final byte[] OLD = key(1);

	private static final byte[] NEW = key(2);

	@Autowired
	JobRepository jobs;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void aPlainSecretIsEncryptedAtStartAndReEncryptedWithTheNewKeyAfterARotation() {
		Map<String, String> env = new LinkedHashMap<>();
		env.put("RATE", "10");
		env.put("DB_PASSWORD", "hunter2");
		// built without the service: the value is stored plain, as before V16
		Job job = this.jobs.save(TestJobs.job(TestJobs.request().env(env).build(), "alice", Instant.now()));
		assertThat(stored(job.getId())).containsEntry("DB_PASSWORD", "hunter2");

		SecretCipher old = new SecretCipher(OLD, List.of());
		assertThat(new SecretsAtRest(this.jdbc, old, this.jobs).encryptAll()).isGreaterThanOrEqualTo(1);
		String underOld = stored(job.getId()).get("DB_PASSWORD");
		assertThat(underOld).startsWith(SecretCipher.PREFIX);
		assertThat(old.decrypt(underOld)).isEqualTo("hunter2");
		assertThat(stored(job.getId())).containsEntry("RATE", "10");

		SecretCipher rotated = new SecretCipher(NEW, List.of(OLD));
		new SecretsAtRest(this.jdbc, rotated, this.jobs).encryptAll();
		String underNew = stored(job.getId()).get("DB_PASSWORD");
		assertThat(rotated.isCurrent(underNew)).isTrue();
		assertThat(new SecretCipher(NEW, List.of()).decrypt(underNew)).isEqualTo("hunter2");
		assertThat(new SecretsAtRest(this.jdbc, rotated, this.jobs).encryptAll()).as("nothing left to do").isZero();
	}

	private Map<String, String> stored(String jobId) {
		Map<String, String> env = new LinkedHashMap<>();
		this.jdbc.query("select env_name, env_value from job_env where job_id = ? order by position", (rs) -> {
			env.put(rs.getString(1), rs.getString(2));
		}, jobId);
		return env;
	}

	private static byte[] key(int seed) {
		byte[] key = new byte[32];
		Arrays.fill(key, (byte) seed);
		return key;
	}

}
