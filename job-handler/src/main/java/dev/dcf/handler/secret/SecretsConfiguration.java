package dev.dcf.handler.secret;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The at-rest cipher. Imported by the job service (its one user when storing), so every
 * context with jobs has it, test slices included.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecretsProperties.class)
public class SecretsConfiguration {

	@Bean
	SecretCipher secretCipher(SecretsProperties properties) {
		return new SecretCipher(SecretKeys.primary(properties),
				properties.previousKeys()
					.stream()
					.map((key) -> SecretKeys.decode(key, "dcf.security.secrets.previous-keys"))
					.toList());
	}

}
