package dev.dcf.handler.messaging;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the Avro schemas of the management topics live ({@code dcf.schema-registry.*},
 * the same keys as the agent's).
 *
 * @param url registry base URL
 * @param connectTimeout bound of connecting
 * @param requestTimeout bound of each request
 */
@ConfigurationProperties("dcf.schema-registry")
@Validated
record SchemaRegistryProperties(@DefaultValue("http://localhost:8081") @NotBlank String url,
		@DefaultValue("5s") @NotNull Duration connectTimeout, @DefaultValue("10s") @NotNull Duration requestTimeout) {

}
