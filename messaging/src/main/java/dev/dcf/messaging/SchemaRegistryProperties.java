package dev.dcf.messaging;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import dev.dcf.schemes.registry.RegistryClientConfig;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the Avro schemas of the management topics live ({@code dcf.schema-registry.*},
 * read by the handler and the agent alike).
 *
 * @param url registry base URL (may carry {@code user:password@} for HTTP Basic)
 * @param connectTimeout bound of connecting
 * @param requestTimeout bound of each request
 */
@ConfigurationProperties("dcf.schema-registry")
@Validated
public record SchemaRegistryProperties(@DefaultValue("http://localhost:8081") @NotBlank String url,
		@DefaultValue("5s") @NotNull Duration connectTimeout, @DefaultValue("10s") @NotNull Duration requestTimeout) {

	/** These settings as the registry client takes them. */
	public RegistryClientConfig clientConfig() {
		return new RegistryClientConfig(this.url, this.connectTimeout, this.requestTimeout);
	}

}
