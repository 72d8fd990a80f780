package dev.dcf.handler.instruction;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per-run Kafka principals ({@code dcf.kafka.run-principals.*}).
 *
 * @param enabled create a SCRAM user per job run and pass its credentials to the run's
 * containers; needs a broker with SASL and an authorizer, and the handler's own principal
 * allowed to alter SCRAM credentials and ACLs (a super user)
 * @param securityProtocol what the containers are told as {@code KAFKA_SECURITY_PROTOCOL}
 * ({@code SASL_PLAINTEXT}, or {@code SASL_SSL} behind TLS)
 */
@ConfigurationProperties("dcf.kafka.run-principals")
public record RunPrincipalProperties(@DefaultValue("false") boolean enabled,
		@DefaultValue("SASL_PLAINTEXT") String securityProtocol) {

	public RunPrincipalProperties {
		if (!"SASL_PLAINTEXT".equals(securityProtocol) && !"SASL_SSL".equals(securityProtocol)) {
			throw new IllegalArgumentException(
					"dcf.kafka.run-principals.security-protocol must be SASL_PLAINTEXT or SASL_SSL, was "
							+ securityProtocol);
		}
	}

}
