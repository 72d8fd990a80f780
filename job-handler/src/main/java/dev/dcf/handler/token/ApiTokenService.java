package dev.dcf.handler.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, lists, revokes and checks personal API tokens. A user has at most
 * {@link #MAX_PER_USER} tokens, each valid 1 to {@link #MAX_DAYS} days.
 */
@Service
public class ApiTokenService {

	static final int MAX_DAYS = 365;

	static final int DEFAULT_DAYS = 30;

	static final int MAX_PER_USER = 50;

	static final int MAX_NAME = 100;

	/** "Last used" is written at most this often per token: a read must not write. */
	static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

	private final ApiTokenRepository tokens;

	private final Clock clock;

	ApiTokenService(ApiTokenRepository tokens, Clock clock) {
		this.tokens = tokens;
		this.clock = clock;
	}

	/**
	 * Creates a token acting as {@code owner}.
	 * @param owner the logged-in user
	 * @param name what the owner calls it: 1 to 100 characters
	 * @param days how long it works, 1 to 365; {@code null} for 30
	 * @return the secret (shown only now) and the stored token
	 * @throws InvalidTokenRequestException naming the field at fault; nothing is stored
	 */
	@Transactional
	public CreatedApiToken create(String owner, String name, Integer days) {
		String trimmed = (name != null) ? name.strip() : "";
		if (trimmed.isEmpty() || trimmed.length() > MAX_NAME) {
			throw new InvalidTokenRequestException("name", "must be 1 to " + MAX_NAME + " characters");
		}
		int validDays = (days != null) ? days : DEFAULT_DAYS;
		if (validDays < 1 || validDays > MAX_DAYS) {
			throw new InvalidTokenRequestException("days", "must be between 1 and " + MAX_DAYS);
		}
		if (this.tokens.countByOwner(owner) >= MAX_PER_USER) {
			throw new InvalidTokenRequestException("name",
					"you have " + MAX_PER_USER + " tokens already; revoke one first");
		}
		String secret = TokenSecrets.newSecret();
		Instant now = this.clock.instant();
		ApiToken token = new ApiToken(UUID.randomUUID().toString(), owner, trimmed, TokenSecrets.hash(secret),
				secret.substring(0, TokenSecrets.SHOWN), now, now.plus(Duration.ofDays(validDays)));
		this.tokens.save(token);
		return new CreatedApiToken(secret, token.view());
	}

	/**
	 * @param owner the logged-in user
	 * @return that user's tokens, newest first, expired ones included
	 */
	@Transactional(readOnly = true)
	public List<ApiTokenView> list(String owner) {
		return this.tokens.findByOwnerOrderByCreatedAtDesc(owner).stream().map(ApiToken::view).toList();
	}

	/**
	 * Revokes (deletes) a token: the next request with it is refused.
	 * @param id the token's id
	 * @param user the logged-in user
	 * @param admin whether the user may revoke anyone's token
	 * @throws TokenNotFoundException if there is no such token the user may revoke
	 */
	@Transactional
	public void revoke(String id, String user, boolean admin) {
		ApiToken token = this.tokens.findById(id)
			.filter((found) -> admin || found.getOwner().equals(user))
			.orElseThrow(() -> new TokenNotFoundException(id));
		this.tokens.delete(token);
	}

	/**
	 * Who a presented secret acts as.
	 * @param secret what followed {@code Bearer}
	 * @return the owner, empty if it is no token, revoked or expired
	 */
	@Transactional
	public Optional<String> authenticate(String secret) {
		if (!TokenSecrets.looksLikeSecret(secret)) {
			return Optional.empty();
		}
		Instant now = this.clock.instant();
		return this.tokens.findByTokenHash(TokenSecrets.hash(secret))
			.filter((token) -> !token.isExpiredAt(now))
			.map((token) -> {
				if (token.getLastUsedAt() == null || !now.isBefore(token.getLastUsedAt().plus(LAST_USED_PRECISION))) {
					token.usedAt(now);
				}
				return token.getOwner();
			});
	}

}
