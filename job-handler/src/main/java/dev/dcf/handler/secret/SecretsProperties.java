package dev.dcf.handler.secret;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the key that encrypts secret env values at rest comes from (docs/security.md).
 *
 * @param key the primary key, base64 of 32 bytes; empty: read (or create) the key file
 * @param keyFile file holding the primary key (base64) when {@code key} is empty; created
 * with a random key on first start
 * @param previousKeys keys still accepted for decrypting (rotation); values under them
 * are re-encrypted with the primary key at start
 */
@Validated
@ConfigurationProperties("dcf.security.secrets")
public record SecretsProperties(String key, @DefaultValue("./data/secrets.key") Path keyFile,
		@DefaultValue List<String> previousKeys) {

}
