/**
 * Secrets at rest: secret environment values are kept AES-GCM encrypted in the database
 * ({@link dev.dcf.handler.secret.SecretCipher}), the keys come from configuration or a
 * key file (docs/security.md).
 */
package dev.dcf.handler.secret;
