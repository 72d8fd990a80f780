package dev.dcf.handler.token;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jpa.test.autoconfigure.TestEntityManager;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.dcf.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Personal API tokens on the real schema (H2, Flyway): only a hash is stored, tokens
 * expire, are revoked by their owner or an administrator, and "last used" is written at
 * most once a minute.
 */
@DataJpaTest(showSql = false)
@Import({ ApiTokenService.class, ApiTokenServiceTests.Time.class })
class ApiTokenServiceTests {

	private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

	@Autowired
	ApiTokenService tokens;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TestEntityManager entities;

	@Test
	void onlyTheHashIsStoredAndTheSecretAuthenticatesItsOwner() {
		CreatedApiToken created = this.tokens.create("alice", " ci ", null);

		assertThat(created.view().name()).isEqualTo("ci");
		assertThat(created.view().expiresAt()).isEqualTo(this.clock.instant().plus(Duration.ofDays(30)));
		this.entities.flush();
		assertThat(this.jdbc.queryForList("select token_hash from api_token", String.class)).singleElement()
			.isEqualTo(TokenSecrets.hash(created.token()))
			.isNotEqualTo(created.token());
		assertThat(this.tokens.authenticate(created.token())).hasValue("alice");
		assertThat(this.tokens.authenticate(created.token() + "x")).isEmpty();
		assertThat(this.tokens.authenticate("dcf_" + "A".repeat(43))).isEmpty();
	}

	@Test
	void aTokenStopsWorkingWhenItExpires() {
		CreatedApiToken created = this.tokens.create("alice", "short", 1);

		this.clock.advance(Duration.ofDays(1).minusSeconds(1));
		assertThat(this.tokens.authenticate(created.token())).hasValue("alice");
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.tokens.authenticate(created.token())).isEmpty();
	}

	@Test
	void onlyItsOwnerOrAnAdministratorRevokesIt() {
		CreatedApiToken alices = this.tokens.create("alice", "one", 5);
		CreatedApiToken other = this.tokens.create("alice", "two", 5);

		assertThatExceptionOfType(TokenNotFoundException.class)
			.isThrownBy(() -> this.tokens.revoke(alices.view().id(), "bob", false));
		this.tokens.revoke(alices.view().id(), "alice", false);
		this.tokens.revoke(other.view().id(), "admin", true);

		assertThat(this.tokens.authenticate(alices.token())).isEmpty();
		assertThat(this.tokens.list("alice")).isEmpty();
	}

	@Test
	void lastUsedIsWrittenAtMostOnceAMinute() {
		CreatedApiToken created = this.tokens.create("alice", "ci", 5);
		this.tokens.authenticate(created.token());
		Instant first = this.clock.instant();

		this.clock.advance(Duration.ofSeconds(59));
		this.tokens.authenticate(created.token());
		assertThat(this.tokens.list("alice").get(0).lastUsedAt()).isEqualTo(first);

		this.clock.advance(Duration.ofSeconds(1));
		this.tokens.authenticate(created.token());
		assertThat(this.tokens.list("alice").get(0).lastUsedAt()).isEqualTo(first.plusSeconds(60));
	}

	@Test
	void badNamesAndLifetimesAreRefusedByFieldAndStoreNothing() {
		assertThatExceptionOfType(InvalidTokenRequestException.class)
			.isThrownBy(() -> this.tokens.create("alice", "  ", 5))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("name"));
		assertThatExceptionOfType(InvalidTokenRequestException.class)
			.isThrownBy(() -> this.tokens.create("alice", "x".repeat(101), 5))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("name"));
		assertThatExceptionOfType(InvalidTokenRequestException.class)
			.isThrownBy(() -> this.tokens.create("alice", "ci", 0))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("days"));
		assertThatExceptionOfType(InvalidTokenRequestException.class)
			.isThrownBy(() -> this.tokens.create("alice", "ci", 366))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("days"));

		assertThat(this.tokens.list("alice")).isEmpty();
	}

	@Test
	void aUserHasAtMostFiftyTokens() {
		for (int i = 0; i < ApiTokenService.MAX_PER_USER; i++) {
			this.tokens.create("alice", "t" + i, 5);
		}

		assertThatExceptionOfType(InvalidTokenRequestException.class)
			.isThrownBy(() -> this.tokens.create("alice", "one more", 5));
		assertThat(this.tokens.create("bob", "his first", 5)).isNotNull();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Time {

		@Bean
		MutableClock clock() {
			return new MutableClock(T0);
		}

	}

}
