package dev.dcf.handler.token;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A personal API token as stored: its owner, a name of the owner's choosing, the SHA-256
 * of the secret (never the secret) and the secret's first characters to tell tokens
 * apart.
 */
@Entity
@Table(name = "api_token")
class ApiToken {

	@Id
	@Column(length = 36)
	private String id;

	@Column(nullable = false, length = 100)
	private String owner;

	@Column(nullable = false, length = 100)
	private String name;

	@Column(name = "token_hash", nullable = false, length = 64, unique = true)
	private String tokenHash;

	@Column(nullable = false, length = 16)
	private String prefix;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "expires_at", nullable = false)
	private Instant expiresAt;

	@Column(name = "last_used_at")
	private Instant lastUsedAt;

	protected ApiToken() {
	}

	ApiToken(String id, String owner, String name, String tokenHash, String prefix, Instant createdAt,
			Instant expiresAt) {
		this.id = id;
		this.owner = owner;
		this.name = name;
		this.tokenHash = tokenHash;
		this.prefix = prefix;
		this.createdAt = createdAt;
		this.expiresAt = expiresAt;
	}

	boolean isExpiredAt(Instant now) {
		return !now.isBefore(this.expiresAt);
	}

	void usedAt(Instant now) {
		this.lastUsedAt = now;
	}

	String getId() {
		return this.id;
	}

	String getOwner() {
		return this.owner;
	}

	String getName() {
		return this.name;
	}

	String getPrefix() {
		return this.prefix;
	}

	Instant getCreatedAt() {
		return this.createdAt;
	}

	Instant getExpiresAt() {
		return this.expiresAt;
	}

	Instant getLastUsedAt() {
		return this.lastUsedAt;
	}

	ApiTokenView view() {
		return new ApiTokenView(this.id, this.name, this.prefix, this.owner, this.createdAt, this.expiresAt,
				this.lastUsedAt);
	}

}
