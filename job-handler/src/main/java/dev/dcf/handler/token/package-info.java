/**
 * Personal API tokens: created and revoked by their owner, shown once, stored as a
 * SHA-256 hash with an expiry, and accepted as {@code Authorization: Bearer} on every
 * request instead of a password (docs/usage.md, "API tokens"). Checking one costs a hash
 * and an indexed lookup, not a bcrypt round per request.
 */
package dev.dcf.handler.token;
