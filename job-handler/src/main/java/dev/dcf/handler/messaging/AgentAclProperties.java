package dev.dcf.handler.messaging;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Kafka principals of the agents ({@code dcf.kafka.*}).
 *
 * @param agentPrincipals user names the agents authenticate as; at start the handler
 * grants each of them the agents' direction on the management topics (docs/security.md)
 * and nothing more. Empty: no ACLs are created (an unauthenticated broker, or ACLs
 * managed outside DCF)
 */
@ConfigurationProperties("dcf.kafka")
record AgentAclProperties(@DefaultValue List<String> agentPrincipals) {

}
