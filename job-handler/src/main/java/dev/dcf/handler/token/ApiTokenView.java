package dev.dcf.handler.token;

import java.time.Instant;

/**
 * A token as its owner sees it in lists: never the secret, only its first characters.
 *
 * @param id the token's id, for revoking it
 * @param name what the owner called it
 * @param prefix the secret's first characters
 * @param owner the user it acts as
 * @param createdAt when it was created
 * @param expiresAt when it stops working
 * @param lastUsedAt when it was last accepted (to the minute), {@code null} if never
 */
public record ApiTokenView(String id, String name, String prefix, String owner, Instant createdAt, Instant expiresAt,
		Instant lastUsedAt) {

}
